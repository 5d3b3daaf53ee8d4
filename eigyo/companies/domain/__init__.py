"""Pure domain logic of the company master (no Django): name resolution."""
