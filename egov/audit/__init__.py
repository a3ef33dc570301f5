"""Audit events: ``from egov import audit; audit.record(...)``."""

from egov.audit.recorder import record, verify_chain

__all__ = ["record", "verify_chain"]
