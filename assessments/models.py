"""Self-assessment models arrive with the assessments issue."""
