"""Pure follow-through rules (no Django)."""
