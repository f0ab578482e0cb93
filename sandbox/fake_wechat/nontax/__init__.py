"""非税缴费 in the fake: receivables, orders and their payment, refunds, statements and test notifications."""
