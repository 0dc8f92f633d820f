"""Realistic, varied article text and search queries for the benchmark. Pure Python, no Django.

Every article is a function of (seed, number) only, so a generation that stops half-way can resume
and produce exactly what a single run would have produced.
"""

import random
import re
import unicodedata
import uuid
from datetime import date, datetime, timedelta
from html import escape

# The demo library's twelve topics (library/fixtures/demo_articles.jsonl) and, per topic, the products and
# hazards articles about it talk about. Products are (singular, plural).
TOPICS = {
    "Spotting fake sellers": {
        "en": [
            ("online store", "online stores"),
            ("seller account", "seller accounts"),
            ("product listing", "product listings"),
            ("customer review", "customer reviews"),
            ("flash sale", "flash sales"),
            ("social media ad", "social media ads"),
            ("discount code", "discount codes"),
        ],
        "es": [
            ("tienda en línea", "tiendas en línea"),
            ("cuenta de vendedor", "cuentas de vendedor"),
            ("anuncio de producto", "anuncios de productos"),
            ("reseña de cliente", "reseñas de clientes"),
            ("oferta relámpago", "ofertas relámpago"),
            ("anuncio en redes sociales", "anuncios en redes sociales"),
        ],
        "hazards_en": ["losing your money", "identity theft", "a stolen card number", "a box that never arrives"],
        "hazards_es": [
            "perder su dinero",
            "el robo de identidad",
            "el robo de su tarjeta",
            "un paquete que nunca llega",
        ],
    },
    "Electronics & batteries": {
        "en": [
            ("phone charger", "phone chargers"),
            ("power bank", "power banks"),
            ("power adapter", "power adapters"),
            ("charging cable", "charging cables"),
            ("lithium-ion battery", "lithium-ion batteries"),
            ("wireless earbud", "wireless earbuds"),
            ("smartwatch", "smartwatches"),
            ("laptop charger", "laptop chargers"),
            ("extension cord", "extension cords"),
            ("hoverboard", "hoverboards"),
            ("e-bike battery", "e-bike batteries"),
            ("memory card", "memory cards"),
        ],
        "es": [
            ("cargador de teléfono", "cargadores de teléfono"),
            ("batería portátil", "baterías portátiles"),
            ("adaptador de corriente", "adaptadores de corriente"),
            ("cable de carga", "cables de carga"),
            ("batería de litio", "baterías de litio"),
            ("audífono inalámbrico", "audífonos inalámbricos"),
            ("reloj inteligente", "relojes inteligentes"),
            ("batería de bicicleta eléctrica", "baterías de bicicleta eléctrica"),
        ],
        "hazards_en": ["overheating", "electric shock", "a fire", "a battery that swells", "melted plastic", "burns"],
        "hazards_es": [
            "sobrecalentamiento",
            "una descarga eléctrica",
            "un incendio",
            "una batería hinchada",
            "quemaduras",
        ],
    },
    "Cosmetics & personal care": {
        "en": [
            ("lipstick", "lipsticks"),
            ("eyeliner", "eyeliners"),
            ("mascara", "mascaras"),
            ("perfume", "perfumes"),
            ("face cream", "face creams"),
            ("foundation", "foundations"),
            ("eyeshadow palette", "eyeshadow palettes"),
            ("skin-lightening cream", "skin-lightening creams"),
            ("contact lens", "contact lenses"),
            ("hair dryer", "hair dryers"),
        ],
        "es": [
            ("lápiz labial", "lápices labiales"),
            ("delineador", "delineadores"),
            ("rímel", "rímeles"),
            ("perfume", "perfumes"),
            ("crema facial", "cremas faciales"),
            ("base de maquillaje", "bases de maquillaje"),
            ("paleta de sombras", "paletas de sombras"),
        ],
        "hazards_en": ["lead", "mercury", "bacteria", "arsenic", "rashes", "eye infections", "chemical burns"],
        "hazards_es": ["plomo", "mercurio", "bacterias", "arsénico", "sarpullido", "infecciones en los ojos"],
    },
    "Medicines & supplements": {
        "en": [
            ("weight-loss drug", "weight-loss drugs"),
            ("pain pill", "pain pills"),
            ("antibiotic", "antibiotics"),
            ("diet supplement", "diet supplements"),
            ("sleep aid", "sleep aids"),
            ("insulin pen", "insulin pens"),
            ("erectile dysfunction pill", "erectile dysfunction pills"),
            ("muscle-building supplement", "muscle-building supplements"),
            ("allergy medicine", "allergy medicines"),
            ("vitamin", "vitamins"),
        ],
        "es": [
            ("medicamento para bajar de peso", "medicamentos para bajar de peso"),
            ("pastilla para el dolor", "pastillas para el dolor"),
            ("antibiótico", "antibióticos"),
            ("suplemento dietético", "suplementos dietéticos"),
            ("pluma de insulina", "plumas de insulina"),
            ("vitamina", "vitaminas"),
        ],
        "hazards_en": [
            "fentanyl",
            "the wrong dose",
            "hidden drug ingredients",
            "no active ingredient at all",
            "dangerous side effects",
            "an overdose",
        ],
        "hazards_es": ["fentanilo", "una dosis equivocada", "ingredientes ocultos", "efectos secundarios peligrosos"],
    },
    "Toys & children's products": {
        "en": [
            ("toy", "toys"),
            ("baby bottle", "baby bottles"),
            ("stuffed animal", "stuffed animals"),
            ("teething ring", "teething rings"),
            ("car seat", "car seats"),
            ("crib", "cribs"),
            ("slime kit", "slime kits"),
            ("building block set", "building block sets"),
            ("doll", "dolls"),
            ("ride-on toy", "ride-on toys"),
        ],
        "es": [
            ("juguete", "juguetes"),
            ("biberón", "biberones"),
            ("peluche", "peluches"),
            ("mordedor", "mordedores"),
            ("asiento de seguridad para auto", "asientos de seguridad para auto"),
            ("cuna", "cunas"),
            ("muñeca", "muñecas"),
        ],
        "hazards_en": [
            "lead paint",
            "small parts",
            "a choking hazard",
            "button batteries",
            "sharp edges",
            "toxic chemicals",
        ],
        "hazards_es": [
            "pintura con plomo",
            "piezas pequeñas",
            "riesgo de asfixia",
            "baterías de botón",
            "bordes filosos",
        ],
    },
    "Auto parts & airbags": {
        "en": [
            ("airbag", "airbags"),
            ("brake pad", "brake pads"),
            ("headlight", "headlights"),
            ("seat belt", "seat belts"),
            ("wheel", "wheels"),
            ("spark plug", "spark plugs"),
            ("oil filter", "oil filters"),
            ("windshield wiper", "windshield wipers"),
            ("motorcycle helmet", "motorcycle helmets"),
        ],
        "es": [
            ("bolsa de aire", "bolsas de aire"),
            ("pastilla de freno", "pastillas de freno"),
            ("faro", "faros"),
            ("cinturón de seguridad", "cinturones de seguridad"),
            ("filtro de aceite", "filtros de aceite"),
            ("casco de motocicleta", "cascos de motocicleta"),
        ],
        "hazards_en": [
            "brakes that fail",
            "an airbag that does not open",
            "metal shrapnel",
            "a crash",
            "serious injury",
        ],
        "hazards_es": ["frenos que fallan", "una bolsa de aire que no se abre", "un choque", "lesiones graves"],
    },
    "Clothing, shoes & accessories": {
        "en": [
            ("sneaker", "sneakers"),
            ("designer handbag", "designer handbags"),
            ("sports jersey", "sports jerseys"),
            ("sunglasses", "sunglasses"),
            ("watch", "watches"),
            ("belt", "belts"),
            ("wallet", "wallets"),
            ("jacket", "jackets"),
            ("piece of jewelry", "pieces of jewelry"),
            ("hat", "hats"),
        ],
        "es": [
            ("tenis", "tenis"),
            ("bolso de diseñador", "bolsos de diseñador"),
            ("camiseta deportiva", "camisetas deportivas"),
            ("lentes de sol", "lentes de sol"),
            ("reloj", "relojes"),
            ("cartera", "carteras"),
            ("joya", "joyas"),
        ],
        "hazards_en": [
            "sunglasses with no UV protection",
            "skin rashes from cheap dyes",
            "losing your money",
            "a seized order",
        ],
        "hazards_es": [
            "lentes sin protección UV",
            "alergias por tintes baratos",
            "perder su dinero",
            "un pedido decomisado",
        ],
    },
    "Vapes & tobacco": {
        "en": [
            ("disposable vape", "disposable vapes"),
            ("e-cigarette", "e-cigarettes"),
            ("vape cartridge", "vape cartridges"),
            ("nicotine pouch", "nicotine pouches"),
            ("e-liquid", "e-liquids"),
            ("vape battery", "vape batteries"),
        ],
        "es": [
            ("vapeador desechable", "vapeadores desechables"),
            ("cigarrillo electrónico", "cigarrillos electrónicos"),
            ("cartucho de vapeo", "cartuchos de vapeo"),
            ("líquido para vapear", "líquidos para vapear"),
        ],
        "hazards_en": ["unknown chemicals", "more nicotine than the label says", "a battery fire", "lung injury"],
        "hazards_es": [
            "químicos desconocidos",
            "más nicotina de la que dice la etiqueta",
            "un incendio de la batería",
        ],
    },
    "Parcels, customs & seizures": {
        "en": [
            ("package", "packages"),
            ("parcel", "parcels"),
            ("shipment", "shipments"),
            ("notice of seizure", "notices of seizure"),
            ("notice of detention", "notices of detention"),
            ("tracking number", "tracking numbers"),
            ("customs form", "customs forms"),
        ],
        "es": [
            ("paquete", "paquetes"),
            ("envío", "envíos"),
            ("aviso de decomiso", "avisos de decomiso"),
            ("aviso de retención", "avisos de retención"),
            ("número de rastreo", "números de rastreo"),
        ],
        "hazards_en": ["a seized package", "a missed deadline", "a fine", "a scam text about customs fees"],
        "hazards_es": [
            "un paquete decomisado",
            "un plazo vencido",
            "una multa",
            "un mensaje falso sobre cargos de aduana",
        ],
    },
    "Import rules": {
        "en": [
            ("duty", "duties"),
            ("tariff", "tariffs"),
            ("low-value shipment", "low-value shipments"),
            ("import permit", "import permits"),
            ("restricted item", "restricted items"),
            ("customs broker", "customs brokers"),
            ("country of origin label", "country of origin labels"),
        ],
        "es": [
            ("arancel", "aranceles"),
            ("impuesto de importación", "impuestos de importación"),
            ("envío de bajo valor", "envíos de bajo valor"),
            ("permiso de importación", "permisos de importación"),
            ("agente de aduanas", "agentes de aduanas"),
        ],
        "hazards_en": ["unexpected duties", "a held shipment", "penalties", "goods that cannot be imported"],
        "hazards_es": [
            "aranceles inesperados",
            "un envío retenido",
            "sanciones",
            "productos que no se pueden importar",
        ],
    },
    "Reporting & getting help": {
        "en": [
            ("report", "reports"),
            ("refund", "refunds"),
            ("chargeback", "chargebacks"),
            ("complaint", "complaints"),
            ("receipt", "receipts"),
            ("screenshot", "screenshots"),
        ],
        "es": [
            ("reporte", "reportes"),
            ("reembolso", "reembolsos"),
            ("queja", "quejas"),
            ("recibo", "recibos"),
            ("captura de pantalla", "capturas de pantalla"),
        ],
        "hazards_en": ["losing the chance to get your money back", "a seller who disappears", "more scam calls"],
        "hazards_es": ["perder la oportunidad de recuperar su dinero", "un vendedor que desaparece"],
    },
    "Small business sellers": {
        "en": [
            ("supplier", "suppliers"),
            ("wholesale order", "wholesale orders"),
            ("trademark", "trademarks"),
            ("inventory", "inventory"),
            ("product sample", "product samples"),
            ("resale listing", "resale listings"),
            ("invoice", "invoices"),
        ],
        "es": [
            ("proveedor", "proveedores"),
            ("pedido al por mayor", "pedidos al por mayor"),
            ("marca registrada", "marcas registradas"),
            ("inventario", "inventarios"),
            ("muestra de producto", "muestras de producto"),
        ],
        "hazards_en": ["seized inventory", "a suspended seller account", "trademark claims", "lost profits"],
        "hazards_es": ["inventario decomisado", "una cuenta de vendedor suspendida", "reclamos de marca"],
    },
}
TOPIC_NAMES = list(TOPICS)
TOPIC_WEIGHTS = [10, 14, 9, 11, 8, 5, 9, 5, 10, 7, 8, 4]

KINDS = ["guide", "alert", "faq", "checklist", "story"]
KIND_WEIGHTS = [40, 20, 15, 15, 10]

MARKETPLACES = {
    "en": [
        "an online marketplace",
        "a social media shop",
        "a livestream sale",
        "a flash-sale app",
        "an auction site",
        "a resale app",
        "a pop-up web store",
        "a group chat",
        "a search ad",
        "a video app shop",
        "a discount website",
        "an overseas web store",
        "a classified ads site",
    ],
    "es": [
        "un mercado en línea",
        "una tienda en redes sociales",
        "una venta en vivo",
        "una aplicación de ofertas",
        "un sitio de subastas",
        "una aplicación de reventa",
        "una tienda web temporal",
        "un chat de grupo",
        "un anuncio en un buscador",
        "un sitio de anuncios clasificados",
    ],
}
BRANDS = {
    "en": [
        "a well-known sneaker brand",
        "a popular phone maker",
        "a famous handbag label",
        "a big cosmetics company",
        "a leading toy maker",
        "a major car maker",
        "a name-brand headphone company",
        "a luxury watch house",
        "a professional sports league",
        "a large drug company",
        "a trusted battery brand",
    ],
    "es": [
        "una marca conocida de tenis",
        "un fabricante popular de teléfonos",
        "una marca famosa de bolsos",
        "una gran empresa de cosméticos",
        "un fabricante de juguetes",
        "un fabricante de autos",
        "una marca de audífonos",
        "una casa de relojes de lujo",
        "una liga deportiva profesional",
        "una farmacéutica grande",
    ],
}
FAKE = {
    "en": ["fake", "counterfeit", "knock-off", "bogus", "imitation", "replica", "copycat", "unsafe"],
    "es": ["falsos", "falsificados", "piratas", "de imitación", "peligrosos", "copiados"],
}
SIGNS = {
    "en": [
        "the price is far below what other stores charge",
        "the photos look copied from the brand's own website",
        "the seller account is only a few weeks old",
        "the reviews are short, alike and posted on the same few days",
        "there is no street address or phone number",
        "the seller asks you to pay with a gift card, a wire transfer or a payment app",
        "the listing says 'inspired by', 'mirror quality', 'AAA' or '1:1'",
        "the brand name is misspelled by one letter",
        "the item ships from overseas although the store claims to be local",
        "the packaging has spelling mistakes and blurry logos",
        "there is no model number, lot number or expiration date",
        "the safety mark (UL, ETL or CE) is blurry, crooked or missing",
        "the return policy is missing or vague",
        "the seller pushes you to decide within minutes",
        "the seller wants to move the chat off the marketplace",
        "the website address is a jumble of letters or ends oddly",
        "a 'brand-new' item has no warranty card",
        "the same photo appears under many different seller names",
    ],
    "es": [
        "el precio es mucho más bajo que en otras tiendas",
        "las fotos parecen copiadas del sitio web de la marca",
        "la cuenta del vendedor tiene pocas semanas",
        "las reseñas son cortas, parecidas y publicadas los mismos días",
        "no hay dirección ni número de teléfono",
        "el vendedor le pide pagar con tarjeta de regalo, transferencia o una aplicación de pagos",
        "el anuncio dice 'inspirado en', 'calidad espejo' o '1:1'",
        "el nombre de la marca tiene una letra cambiada",
        "el producto viene del extranjero aunque la tienda dice ser local",
        "el empaque tiene errores de ortografía y logotipos borrosos",
        "no tiene número de modelo, de lote ni fecha de vencimiento",
        "la marca de seguridad está borrosa, chueca o no aparece",
        "no hay política de devoluciones",
        "el vendedor lo presiona para decidir en minutos",
    ],
}
ACTIONS = {
    "en": [
        "buy from the brand's own website or an authorized retailer",
        "keep the receipt, the listing and every message from the seller",
        "take photos of the item, the label and the box it came in",
        "pay with a credit card so you can dispute the charge",
        "report the seller to the marketplace",
        "tell CBP about the seller through the online reporting form",
        "stop using the product right away",
        "report the product to the Consumer Product Safety Commission (CPSC)",
        "report side effects to the FDA's MedWatch program",
        "call Poison Control at 1-800-222-1222 if someone swallowed it",
        "check whether the product has been recalled",
        "read any letter from CBP carefully and note the deadlines",
        "ask your card issuer for a chargeback",
        "file a complaint with the FTC at ReportFraud.ftc.gov",
        "search the seller's name together with the word 'scam'",
        "compare the item with photos on the maker's website",
        "ask a pharmacist or your doctor before you take it",
        "talk to a licensed customs broker before you order in bulk",
    ],
    "es": [
        "compre en el sitio web de la marca o en una tienda autorizada",
        "guarde el recibo, el anuncio y todos los mensajes del vendedor",
        "tome fotos del producto, la etiqueta y la caja",
        "pague con tarjeta de crédito para poder disputar el cargo",
        "reporte al vendedor en el mercado en línea",
        "avise a la CBP sobre el vendedor con el formulario en línea",
        "deje de usar el producto de inmediato",
        "reporte el producto a la Comisión para la Seguridad de los Productos de Consumo (CPSC)",
        "llame al Centro de Toxicología al 1-800-222-1222 si alguien se lo tragó",
        "revise si el producto fue retirado del mercado",
        "lea con cuidado cualquier carta de la CBP y anote los plazos",
        "pida a su banco que cancele el cargo",
        "presente una queja ante la FTC en ReportaFraude.ftc.gov",
        "consulte a un farmacéutico o a su médico antes de tomarlo",
    ],
}
PEOPLE = {
    "en": ["Maria", "James", "Aisha", "Tom", "Linh", "Carlos", "Priya", "Dave", "Keisha", "Omar", "Grace", "Raj"],
    "es": ["María", "José", "Lucía", "Andrés", "Rosa", "Miguel", "Carmen", "Luis", "Ana", "Jorge", "Sofía"],
}
PLACES = [
    "Texas",
    "Ohio",
    "Florida",
    "California",
    "Arizona",
    "New Jersey",
    "Georgia",
    "Illinois",
    "Puerto Rico",
    "Washington",
    "Nevada",
    "Michigan",
    "New Mexico",
    "North Carolina",
]


def _a(noun):
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _cap(text):
    return text[:1].upper() + text[1:]


# Topics about goods; articles on the other topics (sellers, parcels, rules, reporting, businesses) talk
# about goods from one of these and use their own words ("notice of seizure", "refund") as {thing}.
GOODS_TOPICS = [
    "Electronics & batteries",
    "Cosmetics & personal care",
    "Medicines & supplements",
    "Toys & children's products",
    "Auto parts & airbags",
    "Clothing, shoes & accessories",
    "Vapes & tobacco",
]

# Sentences only articles on a non-goods topic use.
TOPIC_SENTENCES = {
    "en": [
        "Keep the {thing} somewhere safe; you may need it later.",
        "A {thing} is often the first thing people ask us about.",
        "Ask the seller for the {thing} in writing before you pay.",
        "If your {thing} mentions {hazard}, read it twice and act before the deadline.",
        "Many shoppers only learn about {things} after their {sg} is held at the border.",
        "Our staff answer questions about {things} every week, in English and in Spanish.",
        "Small businesses that import {pl} should plan for {things} from the start.",
    ],
    "es": [
        "Guarde el {thing} en un lugar seguro; puede necesitarlo después.",
        "Pida al vendedor el {thing} por escrito antes de pagar.",
        "Muchas personas se enteran de los {things} cuando su envío queda retenido en la frontera.",
        "Nuestro personal responde preguntas sobre {things} todas las semanas, en inglés y en español.",
    ],
}


class Writer:
    """Fills templates for one article: every choice comes from one seeded random generator."""

    def __init__(self, rng, language, topics):
        self.r = rng
        self.lang = language
        self.topics = topics
        main = TOPICS[topics[0]]
        self.goods_topic = topics[0] in GOODS_TOPICS
        goods = [t for t in topics if t in GOODS_TOPICS] or [self.r.choice(GOODS_TOPICS)]
        self.products = TOPICS[goods[0]][language]
        self.things = main[language]
        self.thing = self.r.choice(self.things)
        self.product = self.r.choice(self.products)
        self.hazards = main[f"hazards_{language}"] + (
            [] if self.goods_topic else TOPICS[goods[0]][f"hazards_{language}"]
        )
        self.person = self.r.choice(PEOPLE[language])
        self.place = self.r.choice(PLACES)

    def pick(self, items):
        return self.r.choice(items)

    def slots(self, main=False):
        sg, pl = self.product if main or self.r.random() < 0.7 else self.pick(self.products)
        other_topic = TOPICS[self.pick(TOPIC_NAMES)]
        o_sg, o_pl = self.pick(other_topic[self.lang])
        thing, things = self.thing if self.r.random() < 0.6 else self.pick(self.things)
        return {
            "sg": sg,
            "pl": pl,
            "thing": thing,
            "things": things,
            "a_sg": _a(sg) if self.lang == "en" else sg,
            "other_pl": o_pl,
            "other_sg": o_sg,
            "fake": self.pick(FAKE[self.lang]),
            "fake2": self.pick(FAKE[self.lang]),
            "hazard": self.pick(self.hazards),
            "hazard2": self.pick(self.hazards),
            "market": self.pick(MARKETPLACES[self.lang]),
            "brand": self.pick(BRANDS[self.lang]),
            "sign": self.pick(SIGNS[self.lang]),
            "sign2": self.pick(SIGNS[self.lang]),
            "action": self.pick(ACTIONS[self.lang]),
            "action2": self.pick(ACTIONS[self.lang]),
            "person": self.person,
            "place": self.place,
            "pct": self.pick([40, 50, 60, 70, 75, 80, 90]),
            "price": self.pick(["$4.99", "$9", "$12", "$19.99", "$25", "$39", "$49", "$79", "$120"]),
            "n": self.pick([3, 5, 6, 7, 8, 10, 12]),
            "days": self.pick([3, 5, 10, 14, 20, 30, 35, 60]),
            "year": self.pick([2021, 2022, 2023, 2024, 2025, 2026]),
            "many": self.pick(["thousands of", "hundreds of", "millions of", "more than 20,000", "over 1,500"]),
        }

    def fill(self, template, main=False):
        return template.format(**self.slots(main))

    def sentence(self, pool, main=False):
        return _cap(self.fill(self.pick(pool), main))

    def paragraph(self, pool, low=2, high=5):
        if not self.goods_topic:
            pool = pool + TOPIC_SENTENCES[self.lang]
        return " ".join(self.sentence(pool) for _ in range(self.r.randint(low, high)))


# --- Sentence pools --------------------------------------------------------------------------------

SENTENCES = {
    "en": {
        "intro": [
            "{fake} {pl} are sold every day on {market}, and many look just like the real thing.",
            "A listing for {a_sg} at {pct}% off can look like a bargain until you see what is inside.",
            "CBP officers seized {many} {fake} {pl} last year, most of them bought by shoppers who had no idea.",
            "Shopping for {pl} online is easy, and that is exactly why counterfeiters like it.",
            "Most people who buy {a_sg} online get what they paid for, but a {fake} one can lead to {hazard}.",
            "{fake} {pl} often copy the logo of {brand}, down to the box and the hologram sticker.",
            "If you have ever wondered whether {a_sg} you saw on {market} is genuine, this page is for you.",
            "In {year}, reports about {fake} {pl} sold through {market} went up sharply.",
        ],
        "body": [
            "The price is often the first clue: a genuine {sg} rarely sells for {price}.",
            "Be careful when {sign}.",
            "Another warning sign is that {sign}.",
            "{fake} {pl} can expose you to {hazard} and {hazard2}.",
            "Counterfeiters cut corners on the parts you cannot see, which is why {fake} {pl} can cause {hazard}.",
            "If something feels wrong, {action}.",
            "The safest choice is simple: {action}.",
            "Many sellers on {market} are honest, but some sell {fake} {pl} next to real ones.",
            "A {fake} {sg} may carry the name of {brand} even though that company never made it.",
            "When in doubt, {action} and {action2}.",
            "Low prices, copied photos and pressure to rush are the three signs we see most often.",
            "Some {pl} are shipped in small parcels to avoid inspection, a few at a time.",
            "Look closely at the label, the weight and the finish; {fake} {pl} often feel lighter or cheaper.",
            "People who buy {fake} {pl} also tend to see {fake2} {other_pl} offered by the same seller.",
            "It can take {days} days or more for a parcel to clear customs if officers need to inspect it.",
            "Reviews can be bought, so read the one-star and two-star reviews as well as the five-star ones.",
            "A seller who cannot answer simple questions about {a_sg} is a seller to avoid.",
            "Keep records: if {hazard} happens, they help you get a refund and help officials find the seller.",
            "Counterfeit goods also fund crime, and the people who make them pay no attention to safety rules.",
            "If the seller offers a discount for paying outside the site, you lose the buyer protection you had.",
            "Genuine {pl} come with clear labels, a model number and contact details for the maker.",
            "CBP works with the companies that own the trademarks to tell real {pl} from {fake} ones.",
            "Children and older adults are the most at risk from {hazard}.",
            "Do not throw the item away yet; it may be evidence if you report the seller.",
        ],
        "question": [
            "How can I tell if {a_sg} is {fake}?",
            "Is it illegal to buy {fake} {pl}?",
            "What should I do if my {sg} arrived broken or {fake}?",
            "Why was my {sg} held at the border?",
            "Can I get my money back for {fake} {pl}?",
            "Where do I report a seller of {fake} {pl}?",
            "Are {pl} from {market} safe?",
            "What happens if CBP seizes my {sg}?",
            "Is a cheap {sg} always {fake}?",
            "How do I check a seller before I buy {pl}?",
        ],
        "heading": [
            "Why {fake} {pl} are dangerous",
            "How to spot {a_sg} that is not genuine",
            "Warning signs in the listing",
            "Warning signs about the seller",
            "What to do if you already bought one",
            "Safer ways to buy {pl}",
            "What CBP does at the border",
            "How to get your money back",
            "Where to report {fake} {pl}",
            "What we found when we tested {fake} {pl}",
            "The risks: {hazard} and more",
            "Before you buy {pl} on {market}",
            "Questions to ask the seller",
            "Real or {fake}: side by side",
        ],
        "callout": [
            "If someone is hurt, call 911. For a swallowed product, call Poison Control at 1-800-222-1222.",
            "Never pay a seller with a gift card. No real business asks for one.",
            "CBP will never text you to ask for a customs fee to release a package.",
            "Stop using {a_sg} that gets hot, smells like burning or makes a buzzing sound.",
            "Keep the item, the box and your receipt until your complaint is closed.",
        ],
        "summary": [
            "How to tell real {pl} from {fake} ones, what the risks are and what to do if you bought one.",
            "{fake} {pl} sold on {market} can lead to {hazard}. Learn the warning signs before you buy.",
            "Prices that look too good, copied photos and pushy sellers: the signs of {fake} {pl}.",
            "What happens when {a_sg} is held or seized at the border, and what your options are.",
            "Plain answers about buying {pl} online, from spotting fakes to getting your money back.",
            "{person} from {place} bought {a_sg} on {market}. Here is what went wrong and what to learn from it.",
        ],
    },
    "es": {
        "intro": [
            "Todos los días se venden {pl} {fake} en {market}, y muchos se ven iguales a los reales.",
            "Un anuncio de {sg} con {pct}% de descuento puede parecer una ganga hasta que ve lo que trae por dentro.",
            "El año pasado la CBP decomisó {many} {pl} falsificados, casi todos comprados por personas que no sabían.",
            "Comprar {pl} en línea es fácil, y por eso les gusta a los falsificadores.",
            "La mayoría de las personas recibe lo que pagó, pero un producto falso puede causar {hazard}.",
            "Los {pl} de imitación copian el logotipo de {brand}, hasta la caja y la etiqueta holográfica.",
        ],
        "body": [
            "El precio suele ser la primera pista: un producto original rara vez cuesta {price}.",
            "Tenga cuidado cuando {sign}.",
            "Otra señal de alerta es que {sign}.",
            "Los productos falsificados pueden causar {hazard} y {hazard2}.",
            "Si algo le parece raro, {action}.",
            "Lo más seguro es sencillo: {action}.",
            "Muchos vendedores en {market} son honestos, pero algunos venden {pl} falsos junto a los reales.",
            "Ante la duda, {action} y {action2}.",
            "Precios muy bajos, fotos copiadas y presión para apurarse son las señales que más vemos.",
            "Algunos envíos llegan en paquetes pequeños para evitar la inspección.",
            "Fíjese en la etiqueta, el peso y el acabado: las imitaciones suelen sentirse más livianas.",
            "Un paquete puede tardar {days} días o más en pasar la aduana si los oficiales lo revisan.",
            "Las reseñas se pueden comprar; lea también las de una y dos estrellas.",
            "Guarde todo: si ocurre {hazard}, sus pruebas le ayudan a recuperar su dinero.",
            "Los productos falsificados también financian el crimen y no cumplen ninguna norma de seguridad.",
            "Si el vendedor le ofrece un descuento por pagar fuera del sitio, pierde la protección al comprador.",
            "Los niños y los adultos mayores son los que más riesgo corren.",
            "La CBP trabaja con los dueños de las marcas para distinguir los productos reales de los falsos.",
        ],
        "question": [
            "¿Cómo sé si un producto es falso?",
            "¿Es ilegal comprar {pl} falsificados?",
            "¿Qué hago si me llegó un producto falso?",
            "¿Por qué retuvieron mi paquete en la aduana?",
            "¿Puedo recuperar mi dinero?",
            "¿Dónde reporto a un vendedor de {pl} falsos?",
            "¿Qué pasa si la CBP decomisa mi envío?",
        ],
        "heading": [
            "Por qué los productos falsos son peligrosos",
            "Cómo reconocer {pl} falsificados",
            "Señales de alerta en el anuncio",
            "Señales de alerta sobre el vendedor",
            "Qué hacer si ya compró uno",
            "Cómo comprar {pl} con más seguridad",
            "Qué hace la CBP en la frontera",
            "Cómo recuperar su dinero",
            "Dónde reportar",
        ],
        "callout": [
            "Si alguien está herido, llame al 911. Si se tragó un producto, llame al 1-800-222-1222.",
            "Nunca pague a un vendedor con tarjetas de regalo.",
            "La CBP nunca le enviará un mensaje de texto para cobrarle un cargo de aduana.",
            "Guarde el producto, la caja y el recibo hasta que se cierre su queja.",
        ],
        "summary": [
            "Cómo distinguir {pl} reales de los falsos, cuáles son los riesgos y qué hacer si ya compró uno.",
            "Los {pl} falsificados que se venden en {market} pueden causar {hazard}. Conozca las señales de alerta.",
            "Precios demasiado buenos, fotos copiadas y vendedores insistentes: así se reconocen las imitaciones.",
            "Qué pasa cuando retienen o decomisan su envío en la frontera y cuáles son sus opciones.",
            "{person}, de {place}, compró {sg} en {market}. Esto fue lo que pasó y lo que aprendió.",
        ],
    },
}

# Titles for articles whose main topic is not about goods.
TOPIC_TITLES = {
    "en": [
        "What a {thing} Means for Your Order",
        "{things}: What Shoppers Should Know",
        "Your {thing} Explained in Plain Words",
        "How {things} Work When You Buy {pl} Online",
        "Before You Buy {pl}: {things} and Your Rights",
    ],
    "es": [
        "Qué significa un {thing} para su compra",
        "{things}: lo que debe saber",
        "Cómo funcionan los {things} cuando compra {pl} en línea",
    ],
}

TITLES = {
    "en": {
        "guide": [
            "How to Spot {fake} {pl} Sold Online",
            "Buying {pl} Online? What to Check First",
            "{fake} {pl} on {market}: A Buyer's Guide",
            "What You Should Know About {fake} {pl}",
            "How to Buy {pl} Safely",
            "Real or {fake}? Telling {pl} Apart",
        ],
        "alert": [
            "Alert: {fake} {pl} Can Cause {hazard}",
            "Alert: {fake} {pl} Sold Through {market}",
            "Alert: Watch for {fake} {pl} This Season",
        ],
        "faq": [
            "{pl}: Your Questions Answered",
            "Questions and Answers About {fake} {pl}",
            "FAQ: Buying {pl} From Overseas",
        ],
        "checklist": [
            "Checklist: {n} Things to Check Before You Buy {pl}",
            "Checklist: Is This {sg} Genuine?",
            "Checklist: What to Do After Buying {fake} {pl}",
        ],
        "story": [
            "Story: {person}'s {fake} {sg} From {market}",
            "Story: How a Shopper in {place} Lost Money on {fake} {pl}",
            "Story: The {sg} That Never Arrived",
        ],
    },
    "es": {
        "guide": [
            "Cómo reconocer {pl} falsificados en línea",
            "¿Va a comprar {pl} en línea? Revise esto primero",
            "Lo que debe saber sobre {pl} de imitación",
            "Cómo comprar {pl} con seguridad",
        ],
        "alert": ["Alerta: {pl} falsificados pueden causar {hazard}", "Alerta: {pl} falsos en {market}"],
        "faq": ["{pl}: preguntas frecuentes", "Preguntas y respuestas sobre {pl} falsos"],
        "checklist": ["Lista: {n} cosas que revisar antes de comprar {pl}", "Lista: ¿es original este producto?"],
        "story": ["Historia: {person} y los {pl} que compró en {market}", "Historia: una compra falsa en {place}"],
    },
}


SMALL_WORDS = {"a", "an", "the", "of", "on", "to", "and", "or", "in", "for", "from", "with", "by", "at"}


def _title_case(text):
    return _cap(text)


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.UUID(int=random.getrandbits(128)))}


def _p(text):
    return f"<p>{escape(text, quote=False)}</p>"


def _ul(items):
    return "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>"


def slugify(text, max_length=60):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:max_length].rstrip("-") or "article"


def article(seed, number, spanish_share=0.15):
    """Article number `number` (1-based) of the benchmark library: a dict ready to insert."""
    r = random.Random(seed * 1_000_003 + number)
    # Block ids come from the module generator: seed it too, so everything is reproducible.
    random.seed(seed * 7_919 + number)
    language = "es" if r.random() < spanish_share else "en"
    kind = r.choices(KINDS, KIND_WEIGHTS)[0]
    count = r.choices([1, 2, 3], [55, 35, 10])[0]
    topics = []
    while len(topics) < count:
        name = r.choices(TOPIC_NAMES, TOPIC_WEIGHTS)[0]
        if name not in topics:
            topics.append(name)
    w = Writer(r, language, topics)
    s = SENTENCES[language]

    templates = TITLES[language][kind]
    if not w.goods_topic and kind in ("guide", "faq") and r.random() < 0.7:
        templates = TOPIC_TITLES[language]
    title = _title_case(w.fill(w.pick(templates), main=True))
    if language == "en":
        title = " ".join(
            word if word.isupper() or (i and word in SMALL_WORDS) else word[:1].upper() + word[1:]
            for i, word in enumerate(title.split())
        )
    summary = w.sentence(s["summary"], main=True)
    if len(summary) > 300:
        summary = summary[:297].rsplit(" ", 1)[0] + "..."

    body = [block("paragraph", _p(w.paragraph(s["intro"], 1, 2) + " " + w.paragraph(s["body"], 1, 3)))]
    sections = r.randint(3, 6)
    for _ in range(sections):
        if kind == "faq":
            body.append(block("heading", {"text": w.sentence(s["question"]), "level": "h3"}))
            body.append(block("paragraph", _p(w.paragraph(s["body"], 2, 4))))
            continue
        body.append(block("heading", {"text": _cap(w.fill(w.pick(s["heading"]))), "level": "h2"}))
        roll = r.random()
        if roll < 0.25:
            items = [_cap(w.fill(w.pick([*SIGNS[language], *ACTIONS[language]]))) for _ in range(r.randint(3, 6))]
            body.append(block("paragraph", _p(w.sentence(s["body"])) + _ul(items)))
        else:
            body.append(block("paragraph", _p(w.paragraph(s["body"], 2, 5))))
            if r.random() < 0.3:
                body.append(block("paragraph", _p(w.paragraph(s["body"], 1, 3))))
    if kind == "checklist" or r.random() < 0.1:
        items = [_cap(w.fill(w.pick(ACTIONS[language] + SIGNS[language]))) for _ in range(r.randint(4, 9))]
        heading = "Before you buy" if language == "en" else "Antes de comprar"
        body.append(
            block(
                "checklist",
                {"heading": heading, "items": [block("item", item) for item in items]},
            )
        )
    if kind == "alert" or r.random() < 0.2:
        style = r.choice(["warning", "emergency", "info", "success"])
        body.append(
            block(
                "callout",
                {"style": style, "heading": "", "text": _p(w.sentence(s["callout"]))},
            )
        )

    # Published between 2019 and late 2026, more of them recent; a third were reviewed since.
    day = date(2019, 1, 1) + timedelta(days=int((r.random() ** 0.7) * 2860))
    published = datetime(day.year, day.month, day.day, r.randint(8, 18), r.randint(0, 59))
    reviewed = min(day + timedelta(days=r.randint(30, 500)), date(2026, 11, 1)) if r.random() < 0.33 else None
    audience = r.choices([["consumers"], ["small-businesses"], ["consumers", "small-businesses"]], [80, 12, 8])[0]
    if "Small business sellers" in topics and r.random() < 0.7:
        audience = ["small-businesses"]
    return {
        "number": number,
        "language": language,
        "title": title[:255],
        "slug": f"{slugify(title)}-{number}",
        "summary": summary,
        "kind": kind,
        "topics": topics,
        "audience": audience,
        "published": published,
        "last_reviewed": reviewed,
        "body": body,
    }


# --- Queries -----------------------------------------------------------------------------------------

# What people type: the demo's evaluation queries (search/evaluation/queries.json) and more like them.
QUERIES_EN = [
    "counterfit makeup",
    "fake airpods",
    "chager fire",
    "knockoff charger",
    "replica sneakers",
    "dupe perfume",
    "power adapter overheating",
    "parcel seized",
    "is this charger safe",
    "customs held my package letter",
    "text says i owe customs fee",
    "de minimis 800 ended",
    "ozempic online no prescription",
    "semaglutide knockoff",
    "fake pills fentanyl",
    "is this online pharmacy legit",
    "weight loss supplement hidden drug",
    "lead paint toys",
    "button battery toy",
    "counterfiet airbag",
    "cheap brake pads",
    "disposable vape",
    "order vapes from overseas",
    "refund fake item",
    "chargeback counterfeit",
    "where to report fake products",
    "report anonymously",
    "received a fake item",
    "record trademark with customs",
    "wholesale supplier counterfeit",
    "scam seller",
    "price too good to be true",
    "fake designer bag seized",
    "power bank swelling",
    "abandon goods petition",
    "makeup bacteria",
    "ul mark charger",
    "notice of seizure",
    "notice of detention",
    "duty small package",
    "fake lipstick lead",
    "counterfeit sunglasses uv",
    "fake car seat",
    "hoverboard fire",
    "e-bike battery",
    "gift card payment seller",
    "tracking number scam text",
    "counterfeit jersey",
    "fake watch",
    "knock-off earbuds",
    "contact lenses online",
    "insulin pen online",
    "nicotine pouches",
    "customs broker",
    "tarrif low value shipment",
    "medicine",
    "charger",
    "seized",
    "vape",
    "airbag",
]
QUERIES_ES = [
    "medicamentos falsos",
    "cargador falso",
    "paquete retenido aduana",
    "comprar medicinas en linea",
    "vendedor falso",
    "maquillaje falso plomo",
    "estafa aduana mensaje",
    "recuperar mi dinero",
    "juguetes peligrosos",
    "bolsa de aire falsa",
    "vapeador desechable",
    "aviso de decomiso",
    "tenis pirata",
    "perfume falsificado",
    "reembolso compra falsa",
    "baterías portátiles",
]


def typo(word, r):
    """One slip of the finger: a dropped, doubled or swapped letter."""
    if len(word) < 5:
        return word
    i = r.randint(1, len(word) - 2)
    how = r.choice(["drop", "double", "swap"])
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def query_mix(seed, count, topic_slugs):
    """`count` search requests (as query-string dicts), drawn deterministically.

    About 15% Spanish, 15% with a typo added, 1 to 4 words (generated ones from the article vocabulary),
    20% with a topic filter, 10% with a kind filter, 10% asking for page 2, 5% sorted by newest.
    """
    r = random.Random(seed)
    requests = []
    for _ in range(count):
        spanish = r.random() < 0.15
        roll = r.random()
        if roll < 0.5:
            q = r.choice(QUERIES_ES if spanish else QUERIES_EN)
        else:
            lang = "es" if spanish else "en"
            topic = TOPICS[r.choices(TOPIC_NAMES, TOPIC_WEIGHTS)[0]]
            sg, pl = r.choice(topic[lang])
            hazard = r.choice(topic[f"hazards_{lang}"])
            fake = r.choice(FAKE[lang])
            q = r.choice(
                [
                    sg,
                    pl,
                    f"{fake} {pl}" if lang == "en" else f"{pl} {fake}",
                    f"{sg} {hazard}",
                    f"{hazard}",
                    f"{fake} {sg} {r.choice(['online', 'cheap', 'website', 'seller', 'overseas', 'en linea'])}",
                ]
            )
            if len(q.split()) > 4:
                q = sg
        words = q.split()[:4]
        if r.random() < 0.15:
            i = r.randrange(len(words))
            words[i] = typo(words[i], r)
        params = {"q": " ".join(words)}
        if r.random() < 0.2 and topic_slugs:
            params["topic"] = r.choice(topic_slugs)
        if r.random() < 0.1:
            params["kind"] = r.choice(KINDS)
        if spanish and r.random() < 0.3:
            params["language"] = "es"
        if r.random() < 0.1:
            params["page"] = "2"
        if r.random() < 0.05:
            params["sort"] = "newest"
        requests.append(params)
    return requests
