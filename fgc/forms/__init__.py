"""Every WTForms form the app uses, one module per area. Error messages follow GOV.UK style."""
