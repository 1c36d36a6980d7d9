"""The register as data: YAML read with the line of every value, typed by the content model, and checked
(references, dates, fields) with every problem located. Knows nothing of pages or of MkDocs."""
