"""The global suppression list: who said no, stored as keyed hashes, matched however spelled.

``keys`` holds the ledger's secret (HMAC key) and the vendor-hash encryption; ``formats`` reads
the opt-out files vendors and registries hand out; ``identifiers`` turns a value into the match
key that is hashed. The Ledger's suppression methods (``leadguard.ledger``) store and screen.
"""
