"""Personal data: encrypted fields, blind indexes, key rotation and the access log."""
