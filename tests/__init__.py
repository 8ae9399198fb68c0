"""pressroom's test suite (unit/, cli/, app/, checks/; shared helpers in support/)."""
