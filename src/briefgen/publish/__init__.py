"""Publishing built briefs: a static site with an Atom feed, and an e-mail digest.

``site.publish`` adds a build folder's brief to a site; ``mail.build_message``
turns it into a multipart e-mail that ``mail.send`` delivers over SMTP (or
``mail.write_eml`` saves); ``commands`` holds the ``publish``, ``mail`` and
``daily`` subcommands the CLI registers.
"""
