"""Pure deal rules (no Django): consensus readiness of the buying group and siblings."""
