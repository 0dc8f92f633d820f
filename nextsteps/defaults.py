"""The next steps CBP starts with (created by migration 0002; `manage.py seed_next_steps` adds any missing).

Rules that depend on product categories find them by slug. When none of those categories exists yet, the rule
is created switched off, so it can never show for every report: editors tick its categories and switch it on
(or run `seed_next_steps` after adding the categories). Editors may change or delete any of them.
"""

DEFAULT_STEPS = [
    {
        "key": "card_chargeback",
        "name": "Chargeback for card payments",
        "sort_order": 10,
        "payment_methods": ["card"],
        "heading": "Ask your card issuer for a chargeback",
        "heading_es": "Pida a su banco un contracargo",
        "text": (
            "Call the number on the back of your card and say you want to dispute the charge because the item is"
            " fake or not as described. Do it soon: card issuers set time limits, often 60 to 120 days."
        ),
        "text_es": (
            "Llame al número que aparece al dorso de su tarjeta y diga que quiere disputar el cargo porque el"
            " artículo es falso o no es como se describía. Hágalo pronto: los bancos fijan plazos, a menudo de 60"
            " a 120 días."
        ),
        "links": [
            (
                "Disputing a credit card charge (FTC)",
                "Cómo disputar un cargo de tarjeta de crédito (FTC)",
                "https://consumer.ftc.gov/articles/using-credit-cards-and-disputing-charges",
                "https://consumidor.ftc.gov/articulos/como-usar-las-tarjetas-de-credito-y-disputar-cargos",
            )
        ],
    },
    {
        "key": "wallet_dispute",
        "name": "Dispute for PayPal and wallet payments",
        "sort_order": 20,
        "payment_methods": ["paypal_or_wallet"],
        "heading": "Ask PayPal or your wallet app for your money back",
        "heading_es": "Pida a PayPal o a su billetera digital que le devuelvan el dinero",
        "text": (
            "Open a dispute in PayPal's Resolution Center, or contact the app you paid with. Most protect buyers"
            " when an item is not as described, within a time limit (180 days at PayPal)."
        ),
        "text_es": (
            "Abra una disputa en el Centro de resoluciones de PayPal o comuníquese con la aplicación con la que"
            " pagó. La mayoría protege al comprador cuando el artículo no es como se describía, dentro de un plazo"
            " (180 días en PayPal)."
        ),
        "links": [
            ("PayPal Resolution Center", "Centro de resoluciones de PayPal", "https://www.paypal.com/disputes/", "")
        ],
    },
    {
        "key": "hard_to_reverse_payment",
        "name": "Gift card, crypto or bank transfer",
        "sort_order": 30,
        "payment_methods": ["gift_card", "crypto", "bank_transfer"],
        "heading": "Contact the company you paid through today",
        "heading_es": "Comuníquese hoy con la empresa por la que pagó",
        "text": (
            "Money sent by gift card, cryptocurrency or bank transfer is hard to get back. Tell the gift card"
            " company, the exchange or your bank right away that it was a scam, and keep the receipts."
        ),
        "text_es": (
            "El dinero enviado con tarjetas de regalo, criptomonedas o transferencias bancarias es difícil de"
            " recuperar. Avise enseguida a la empresa de la tarjeta, a la plataforma de intercambio o a su banco"
            " de que fue una estafa, y guarde los recibos."
        ),
        "links": [
            (
                "What to do if you were scammed (FTC)",
                "Qué hacer si le estafaron (FTC)",
                "https://consumer.ftc.gov/articles/what-do-if-you-were-scammed",
                "https://consumidor.ftc.gov/articulos/que-hacer-si-le-estafaron",
            )
        ],
    },
    {
        "key": "injury_cpsc",
        "name": "Injury or damage: CPSC",
        "sort_order": 40,
        "harm": "harmed",
        "excluded_category_slugs": ["medicines", "supplements", "cosmetics"],
        "heading": "Report the injury or damage to the CPSC",
        "heading_es": "Informe la lesión o el daño a la CPSC",
        "text": (
            "The U.S. Consumer Product Safety Commission collects reports of products that hurt people or damage"
            " property, and can warn others or recall them."
        ),
        "text_es": (
            "La Comisión para la Seguridad de los Productos del Consumidor de EE. UU. recibe informes de"
            " productos que lastiman a personas o dañan bienes, y puede advertir a otros o retirarlos del mercado."
        ),
        "links": [("SaferProducts.gov", "SaferProducts.gov (en inglés)", "https://www.saferproducts.gov/", "")],
    },
    {
        "key": "medicine_medwatch",
        "name": "Medicines and supplements: FDA MedWatch",
        "sort_order": 50,
        "category_slugs": ["medicines", "supplements", "cosmetics"],
        "heading": "Tell the FDA through MedWatch",
        "heading_es": "Avise a la FDA por MedWatch",
        "text": (
            "Stop using it. If you took it and feel unwell, call your doctor, or Poison Control at 1-800-222-1222."
            " Report the product, and any reaction, to the FDA's MedWatch program."
        ),
        "text_es": (
            "Deje de usarlo. Si lo tomó y se siente mal, llame a su médico o a Control de Intoxicaciones al"
            " 1-800-222-1222. Informe el producto, y cualquier reacción, al programa MedWatch de la FDA."
        ),
        "links": [
            (
                "FDA MedWatch",
                "FDA MedWatch (en inglés)",
                "https://www.fda.gov/safety/medwatch-fda-safety-information-and-adverse-event-reporting-program",
                "",
            )
        ],
    },
    {
        "key": "hot_charger",
        "name": "Chargers and batteries: stop using",
        "sort_order": 5,
        "category_slugs": ["chargers-batteries", "chargers"],
        "heading": "Stop using the charger or battery if it gets hot",
        "heading_es": "Deje de usar el cargador o la batería si se calienta",
        "text": (
            "Unplug it and stop using it if it gets hot, swells, smells of burning or sparks. Keep it away from"
            " anything that can burn, and take it to a battery drop-off: never put it in the trash."
        ),
        "text_es": (
            "Desconéctelo y deje de usarlo si se calienta, se hincha, huele a quemado o echa chispas. Manténgalo"
            " lejos de cosas que puedan arder y llévelo a un punto de reciclaje de baterías: nunca a la basura."
        ),
        "links": [
            (
                "Used lithium-ion batteries (EPA)",
                "Baterías de iones de litio usadas (EPA, en inglés)",
                "https://www.epa.gov/recycle/used-lithium-ion-batteries",
                "",
            )
        ],
    },
    {
        "key": "scam_ftc",
        "name": "Any report: FTC",
        "sort_order": 90,
        "heading": "Tell the FTC if the seller tricked you",
        "heading_es": "Avise a la FTC si el vendedor le engañó",
        "text": (
            "The Federal Trade Commission uses reports of online shopping scams to stop sellers and warn others."
        ),
        "text_es": (
            "La Comisión Federal de Comercio usa los informes de estafas en compras por internet para detener a"
            " los vendedores y advertir a otros."
        ),
        "links": [
            (
                "ReportFraud.ftc.gov",
                "ReporteFraude.ftc.gov",
                "https://reportfraud.ftc.gov/",
                "https://reportefraude.ftc.gov/",
            )
        ],
    },
]


def seed(NextStep, NextStepLink, ProductCategory):
    """Create the default rules that are missing (by key) and link their categories. Returns how many were made.

    Takes the model classes, so the migration can pass its historical models."""
    made = 0
    for spec in DEFAULT_STEPS:
        categories = list(ProductCategory.objects.filter(slug__in=spec.get("category_slugs", [])))
        excluded = list(ProductCategory.objects.filter(slug__in=spec.get("excluded_category_slugs", [])))
        wants_categories = bool(spec.get("category_slugs"))
        step = NextStep.objects.filter(default_key=spec["key"]).first()
        if step is None:
            step = NextStep.objects.create(
                default_key=spec["key"],
                name=spec["name"],
                sort_order=spec["sort_order"],
                live=bool(categories) or not wants_categories,
                harm=spec.get("harm", "any"),
                payment_methods=spec.get("payment_methods", []),
                reasons=spec.get("reasons", []),
                heading=spec["heading"],
                heading_es=spec["heading_es"],
                text=spec["text"],
                text_es=spec["text_es"],
            )
            for order, (label, label_es, url, url_es) in enumerate(spec["links"]):
                NextStepLink.objects.create(
                    step=step, sort_order=order, label=label, label_es=label_es, url=url, url_es=url_es
                )
            made += 1
        elif wants_categories and categories and not step.product_categories.exists():
            step.live = True  # a rule that was waiting for its categories
            step.save(update_fields=["live"])
        if categories and not step.product_categories.exists():
            step.product_categories.add(*categories)
        step.excluded_categories.add(*excluded)
        step.save()  # writes the category links (ParentalManyToManyField keeps them until the rule is saved)
    return made
