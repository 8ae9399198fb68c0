"""Helpers the test folders share: the Pilot app factory, insights and figures fixtures."""
