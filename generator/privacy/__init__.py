"""Personal data: finding contact details in text, masking what is not to be published, and the checks
that nothing else would be."""
