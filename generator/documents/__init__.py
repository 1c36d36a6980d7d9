"""The signed documents the register is transcribed from: their hash and the word-for-word comparison."""
