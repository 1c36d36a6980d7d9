"""The only code that knows MkDocs, Python-Markdown and Pagefind: the plugin, the atomic build, the
preview, the search index and the Markdown extensions."""
