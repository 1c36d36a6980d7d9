"""Help for the people who write the register: skeletons of new files and the editors' JSON Schemas."""
