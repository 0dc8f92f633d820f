"""The one seller-name normaliser, shared by triage (same seller) and the importer directory (name look-up)."""

from reference.sellers import seller_name_key


def test_case_spacing_punctuation_accents_and_company_forms_do_not_matter():
    assert seller_name_key("  ACME Imports, L.L.C. ") == seller_name_key("Acme imports") == "acme imports"
    assert seller_name_key("Importadora Sol S.A. de C.V.") == "importadora sol"
    assert seller_name_key("Café & Co") == "cafe and"
    assert seller_name_key("  Best-Deals   4U ") == seller_name_key("best deals 4u") == "best deals 4u"
    assert seller_name_key("ＡＣＭＥ") == "acme"  # full-width letters, as pasted from some marketplaces


def test_what_is_left_of_a_name_is_never_dropped():
    assert seller_name_key("LLC") == "llc"
    assert seller_name_key("Co Co") == "co"
    assert seller_name_key("") == seller_name_key(None) == seller_name_key("!!!") == ""
    assert seller_name_key("深圳 Trading Co., Ltd.") == "深圳 trading"
