"""微信发票 in the fake: authorizations, merchant settings, invoice templates and PDFs, the invoices in
followers' card packages and their reimbursement, the 统一开票 invoices, and invoice titles."""
