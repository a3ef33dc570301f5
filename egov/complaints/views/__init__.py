"""Complaint pages: public.py (anyone), citizen.py (complainants), staff.py (officers)."""
