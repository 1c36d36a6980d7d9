"""`registre import`: a signed convention (PDF, DOCX, ODT or text) read into draft content files.

The stages, each a module: `extraction` reads the file's text and ruled tables, `layout` drops what is
page layout (page numbers, running headers, a table of contents, hyphenation at line ends), `segmentation`
finds the title, parties, preamble, articles, annexes and signature, and `drafting` writes the drafts.
`importer` runs them in that order.
"""
