"""The account's linked mini programs and its QR code jump rules, in the fake."""
