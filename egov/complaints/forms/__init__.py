"""The only parsers of what people type into complaint pages: citizen.py and staff.py."""
