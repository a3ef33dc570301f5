"""egov: an open e-government platform."""
