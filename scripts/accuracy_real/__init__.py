"""Real-news sections of scripts/accuracy (facts, times, discrepancies): see tests/gold/real/README.md."""
