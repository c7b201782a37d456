"""Demo catalogue content: the municipality's departments, service domains, revenue heads and
the e-services that Tehran's electronic city-services offices deliver, as plain data.

Standard library only, so the file can be read, checked and diffed without Django. Amounts are
in rials at 1404 prices (plausible demo figures, not the municipality's published tariff).
A tariff formula is an expression in the catalogue's fee language (see catalogue/formula.py)
over the service's numeric fields; splits are basis points summing to 10,000, the first one a
municipal revenue head (it receives the rounding remainder). Run this file to check it.
"""

from __future__ import annotations

DEPARTMENTS: list[tuple[str, str, str]] = [
    ("urban-planning", "معاونت شهرسازی و معماری", "Deputy for Urban Planning and Architecture"),
    ("transport", "معاونت حمل‌ونقل و ترافیک", "Deputy for Transport and Traffic"),
    ("finance", "معاونت مالی و اقتصاد شهری", "Deputy for Finance and Urban Economy"),
    ("services", "معاونت خدمات شهری و محیط زیست", "Deputy for Urban Services and Environment"),
]

DOMAINS: list[tuple[str, str, str, str]] = [
    (
        "building-permits",
        "پروانه ساختمانی و پرونده‌های شهرسازی",
        "Building permits and urban-planning files",
        "urban-planning",
    ),
    (
        "construction-violations",
        "رسیدگی به تخلفات ساختمانی",
        "Unauthorised-construction review",
        "urban-planning",
    ),
    (
        "supervising-engineers",
        "امور مهندسان ناظر",
        "Supervising engineers' affairs",
        "urban-planning",
    ),
    ("transport-permits", "مجوزهای حمل‌ونقل و ترافیک", "Transport and traffic permits", "transport"),
    ("duties-and-bills", "عوارض و صورتحساب‌های شهری", "Municipal duties and bills", "finance"),
    ("waste-contracts", "قراردادهای پسماند", "Waste-collection contracts", "services"),
]

REVENUE_HEADS: list[tuple[str, str, str]] = [
    (
        "building-permit-duty",
        "درآمد عوارض صدور پروانه ساختمانی",
        "Building-permit duty revenue",
    ),
    ("renovation-duty", "درآمد عوارض نوسازی", "Renovation duty revenue"),
    ("business-duty", "درآمد عوارض کسب و پیشه", "Business and trade duty revenue"),
    (
        "signage-duty",
        "درآمد عوارض تابلو و تبلیغات محیطی",
        "Sign and outdoor-advertising duty revenue",
    ),
    ("parking-shortfall-duty", "درآمد عوارض کسری پارکینگ", "Parking-shortfall duty revenue"),
    ("vehicle-annual-duty", "درآمد عوارض سالیانه خودرو", "Annual vehicle duty revenue"),
    (
        "construction-fines",
        "درآمد جرایم تخلفات ساختمانی (ماده ۱۰۰)",
        "Construction-violation fines revenue (Article 100)",
    ),
    (
        "technical-services",
        "درآمد کارشناسی و خدمات فنی",
        "Expert-review and technical services revenue",
    ),
    (
        "administrative-services",
        "درآمد صدور گواهی‌ها و خدمات اداری",
        "Certificate and administrative services revenue",
    ),
    ("traffic-services", "درآمد خدمات ترافیکی", "Traffic services revenue"),
    (
        "public-transport-services",
        "درآمد خدمات حمل‌ونقل عمومی",
        "Public-transport services revenue",
    ),
    ("waste-services", "درآمد خدمات پسماند", "Waste-management services revenue"),
    ("green-space-services", "درآمد خدمات فضای سبز", "Green-space services revenue"),
]

# Beneficiaries outside the municipality's revenue heads ("other:<code>" in tariff splits).
OTHER_BENEFICIARIES: list[tuple[str, str, str]] = [
    (
        "engineering-organisation",
        "سازمان نظام مهندسی ساختمان استان تهران",
        "Tehran Province Construction Engineering Organisation",
    ),
    (
        "fire-department",
        "سازمان آتش‌نشانی و خدمات ایمنی شهرداری تهران",
        "Tehran Fire and Safety Services Organisation",
    ),
]


# --- building blocks (each call returns a fresh dict, so services share no mutable data) ---


def _field(
    name: str,
    label_fa: str,
    label_en: str,
    kind: str,
    *,
    required: bool = True,
    low: str | None = None,
    high: str | None = None,
    max_length: int | None = None,
    choices: list[dict] | None = None,
) -> dict:
    field = {
        "name": name,
        "label_fa": label_fa,
        "label_en": label_en,
        "type": kind,
        "required": required,
    }
    if low is not None:
        field["min"] = low
    if high is not None:
        field["max"] = high
    if max_length is not None:
        field["max_length"] = max_length
    if choices is not None:
        field["choices"] = choices
    return field


def _text(name: str, fa: str, en: str, max_length: int = 20, *, required: bool = True) -> dict:
    return _field(name, fa, en, "text", max_length=max_length, required=required)


def _integer(name: str, fa: str, en: str, low: str, high: str) -> dict:
    return _field(name, fa, en, "integer", low=low, high=high)


def _decimal(name: str, fa: str, en: str, low: str, high: str) -> dict:
    return _field(name, fa, en, "decimal", low=low, high=high)


def _area(name: str, fa: str, en: str, low: str, high: str) -> dict:
    return _field(name, fa, en, "area", low=low, high=high)


def _date(name: str, fa: str, en: str) -> dict:
    return _field(name, fa, en, "date")


def _choice(name: str, fa: str, en: str, options: list[tuple[int, str, str]]) -> dict:
    return _field(
        name,
        fa,
        en,
        "choice",
        choices=[{"value": v, "label_fa": lfa, "label_en": len_} for v, lfa, len_ in options],
    )


def _national_code(
    name: str = "owner_national_code", fa: str = "کد ملی مالک", en: str = "Owner's national code"
) -> dict:
    return _field(name, fa, en, "national_code")


def _postal_code(fa: str = "کد پستی ملک", en: str = "Postal code of the property") -> dict:
    return _field("postal_code", fa, en, "postal_code")


def _zone() -> dict:
    return _choice(
        "zone",
        "پهنه عوارضی",
        "Duty zone",
        [
            (1, "گروه ۱: مناطق ۱، ۲، ۳ و ۶", "Group 1: districts 1, 2, 3 and 6"),
            (2, "گروه ۲: مناطق ۴، ۵، ۷، ۸، ۱۱ و ۲۲", "Group 2: districts 4, 5, 7, 8, 11 and 22"),
            (3, "گروه ۳: سایر مناطق", "Group 3: other districts"),
        ],
    )


def _use(name: str = "use", fa: str = "کاربری", en: str = "Use") -> dict:
    return _choice(
        name,
        fa,
        en,
        [
            (1, "مسکونی", "Residential"),
            (2, "تجاری", "Commercial"),
            (3, "اداری", "Office"),
            (4, "آموزشی، درمانی و فرهنگی", "Educational, healthcare and cultural"),
        ],
    )


def _permit_number() -> dict:
    return _text("permit_number", "شماره پروانه ساختمانی", "Building-permit number")


def _file_number() -> dict:
    return _text("file_number", "شماره پرونده شهرسازی", "Urban-planning file number")


def _deed_plate() -> dict:
    return _text("deed_plate", "پلاک ثبتی", "Land-registry plate number", 30)


def _plate() -> dict:
    return _text("plate", "شماره پلاک خودرو", "Vehicle plate number")


def _built_area(low: str = "20", high: str = "200000") -> dict:
    return _area("built_area_m2", "زیربنای کل (متر مربع)", "Total floor area (m²)", low, high)


def _floors(high: str = "40") -> dict:
    return _integer("floors", "تعداد طبقات", "Number of storeys", "1", high)


def _months(low: str = "1", high: str = "12") -> dict:
    return _integer("months", "مدت (ماه)", "Duration (months)", low, high)


def _engineer(name: str = "engineer_national_code", fa: str = "کد ملی مهندس") -> dict:
    en = {
        "engineer_national_code": "Engineer's national code",
        "previous_engineer_national_code": "National code of the outgoing engineer",
        "new_engineer_national_code": "National code of the incoming engineer",
    }[name]
    return _national_code(name, fa, en)


def _licence_number() -> dict:
    return _text(
        "licence_number",
        "شماره پروانه اشتغال به کار مهندسی",
        "Engineering practising-licence number",
    )


def _discipline() -> dict:
    return _choice(
        "discipline",
        "رشته",
        "Discipline",
        [
            (1, "عمران", "Civil engineering"),
            (2, "معماری", "Architecture"),
            (3, "تأسیسات مکانیکی", "Mechanical services"),
            (4, "تأسیسات برقی", "Electrical services"),
        ],
    )


def _grade() -> dict:
    return _choice(
        "grade",
        "پایه پروانه اشتغال",
        "Licence grade",
        [
            (1, "پایه ۳", "Grade 3"),
            (2, "پایه ۲", "Grade 2"),
            (3, "پایه ۱", "Grade 1"),
            (4, "ارشد", "Senior"),
        ],
    )


def _business_licence(fa: str = "شماره پروانه کسب", en: str = "Business-licence number") -> dict:
    return _text("business_licence", fa, en)


def _doc(code: str, title_fa: str, title_en: str, *, mandatory: bool = True) -> dict:
    return {"code": code, "title_fa": title_fa, "title_en": title_en, "mandatory": mandatory}


def _deed(*, mandatory: bool = True) -> dict:
    return _doc("deed", "سند مالکیت", "Title deed", mandatory=mandatory)


def _national_card(
    title_fa: str = "کارت ملی مالک", title_en: str = "Owner's national ID card"
) -> dict:
    return _doc("national-card", title_fa, title_en)


def _permit_doc(*, mandatory: bool = True) -> dict:
    return _doc("permit", "پروانه ساختمانی", "Building permit", mandatory=mandatory)


def _vehicle_card() -> dict:
    return _doc("vehicle-card", "کارت خودرو", "Vehicle registration card")


def _inspection_doc(*, mandatory: bool = True) -> dict:
    return _doc(
        "inspection",
        "برگه معاینه فنی معتبر",
        "Valid roadworthiness certificate",
        mandatory=mandatory,
    )


def _tariff(formula: str, *splits: tuple[str, int]) -> dict:
    return {
        "formula": formula,
        "splits": [{"beneficiary": who, "basis_points": points} for who, points in splits],
    }


_ZONE_RATE = "{1: 7_000_000, 2: 4_800_000, 3: 2_900_000}[zone]"  # building duty per m²
_USE_TENTHS = "{1: 10, 2: 22, 3: 16, 4: 4}[use]"  # residential 1, commercial 2.2, …
_OFFICE = ("office_fee", 1200)
_OFFICE_SMALL = ("office_fee", 500)
_OFFICE_PERMITS = ("office_fee", 1000)
_ALL = ["office", "web", "partner"]


SERVICES: list[dict] = [
    # --- building permits and urban-planning files -------------------------------------
    {
        "code": "bp-file-open",
        "title_fa": "تشکیل پرونده صدور پروانه ساختمانی",
        "title_en": "Opening a building-permit file",
        "description_fa": (
            "تشکیل پرونده برای احداث بنای جدید یا تجدید بنا. پس از بررسی مدارک مالکیت، "
            "کارشناس شهرسازی از ملک بازدید می‌کند و دستور تهیه نقشه صادر می‌شود."
        ),
        "description_en": (
            "Opens a file for a new building or a rebuild. After the ownership documents are "
            "checked, a planning officer visits the property and the order to prepare the "
            "drawings is issued."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _area(
                "plot_area_m2",
                "مساحت عرصه طبق سند (متر مربع)",
                "Plot area per the deed (m²)",
                "20",
                "20000",
            ),
            _zone(),
            _use(fa="کاربری درخواستی", en="Requested use"),
            _national_code(),
            _postal_code(),
        ],
        "documents": [
            _deed(),
            _national_card(),
            _doc("utm-map", "نقشه UTM ملک", "UTM survey map of the property"),
            _doc(
                "power-of-attorney",
                "وکالت‌نامه رسمی (در صورت مراجعه وکیل)",
                "Notarised power of attorney (if an agent applies)",
                mandatory=False,
            ),
        ],
        "tariff": _tariff(
            "min(50_000_000, 2_000_000 + {1: 16_000, 2: 12_000, 3: 8_500}[zone] * plot_area_m2"
            " * {1: 10, 2: 15, 3: 13, 4: 8}[use] / 10)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-permit-issue",
        "title_fa": "صدور پروانه ساختمانی",
        "title_en": "Issue of a building permit",
        "description_fa": (
            "محاسبه عوارض و صدور پروانه ساختمانی پس از تأیید نقشه‌های معماری و سازه. "
            "پیش از صدور، کارشناس منطقه با بازدید محلی انطباق ملک با نقشه‌ها را بررسی می‌کند."
        ),
        "description_en": (
            "Calculates the duties and issues the building permit once the architectural and "
            "structural drawings are approved. Before issue, a district officer visits the site "
            "to check it against the drawings."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 15,
        "workflow": "permit",
        "refundable_basis_points": 10000,
        "fields": [
            _file_number(),
            _built_area(high="20000"),
            _floors(high="30"),
            _zone(),
            _use(),
        ],
        "documents": [
            _doc(
                "drawings",
                "نقشه‌های معماری و سازه تأییدشده سازمان نظام مهندسی",
                "Architectural and structural drawings approved by the engineering organisation",
            ),
            _doc("supervision-contract", "قرارداد نظارت ثبت‌شده", "Registered supervision contract"),
            _deed(),
            _doc("soil-report", "گزارش مکانیک خاک", "Soil-mechanics report", mandatory=False),
        ],
        "tariff": _tariff(
            f"{_ZONE_RATE} * built_area_m2 * {_USE_TENTHS} / 10 * (1 + max(0, floors - 6) / 40)",
            ("revenue:building-permit-duty", 10000),
        ),
    },
    {
        "code": "bp-renewal",
        "title_fa": "تمدید پروانه ساختمانی",
        "title_en": "Building-permit renewal",
        "description_fa": (
            "تمدید اعتبار پروانه ساختمانی که مهلت پایان عملیات ساختمانی آن سپری شده یا رو به "
            "پایان است. به ازای هر سال تأخیر در تمدید، عوارض تمدید افزایش می‌یابد."
        ),
        "description_en": (
            "Extends the validity of a building permit whose construction deadline has passed "
            "or is about to pass. The renewal duty rises for every year the renewal is late."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 7,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _permit_number(),
            _area(
                "built_area_m2",
                "زیربنای مندرج در پروانه (متر مربع)",
                "Floor area stated in the permit (m²)",
                "20",
                "50000",
            ),
            _zone(),
            _integer(
                "years_overdue",
                "سال‌های گذشته از پایان اعتبار پروانه",
                "Years since the permit expired",
                "0",
                "10",
            ),
        ],
        "documents": [
            _doc("permit", "اصل پروانه ساختمانی", "Original building permit"),
            _doc(
                "progress-report",
                "گزارش پیشرفت کار مهندس ناظر",
                "Supervising engineer's progress report",
            ),
        ],
        "tariff": _tariff(
            "3_000_000 + {1: 25_000, 2: 18_000, 3: 12_000}[zone] * built_area_m2"
            " * (1 + years_overdue / 5)",
            ("revenue:building-permit-duty", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-extension",
        "title_fa": "پروانه توسعه بنا و اضافه اشکوب",
        "title_en": "Extension and additional-storey permit",
        "description_fa": (
            "صدور پروانه برای افزایش زیربنا یا افزودن طبقه به ساختمان موجود، در حدود ضوابط "
            "طرح تفصیلی. عوارض بر اساس زیربنای افزوده، پهنه و کاربری محاسبه می‌شود."
        ),
        "description_en": (
            "Issues a permit to add floor area or storeys to an existing building within the "
            "limits of the detailed plan. The duty is based on the added area, the zone and the "
            "use."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 20,
        "workflow": "permit",
        "refundable_basis_points": 10000,
        "fields": [
            _permit_number(),
            _area(
                "added_area_m2", "زیربنای افزوده (متر مربع)", "Added floor area (m²)", "5", "10000"
            ),
            _integer("added_floors", "تعداد طبقات افزوده", "Storeys added", "0", "5"),
            _zone(),
            _use(),
        ],
        "documents": [
            _doc(
                "previous-permit",
                "پروانه یا گواهی پایان‌کار قبلی",
                "Previous permit or completion certificate",
            ),
            _doc(
                "structural-assessment",
                "گزارش ارزیابی سازه توسط مهندس دارای صلاحیت",
                "Structural assessment by a qualified engineer",
            ),
            _doc("drawings", "نقشه‌های معماری توسعه", "Architectural drawings of the extension"),
            _deed(),
        ],
        "tariff": _tariff(
            f"5_000_000 + {_ZONE_RATE} * added_area_m2 * {_USE_TENTHS} / 10",
            ("revenue:building-permit-duty", 9600),
            ("revenue:technical-services", 400),
        ),
    },
    {
        "code": "bp-completion",
        "title_fa": "گواهی پایان‌کار ساختمان",
        "title_en": "Building completion certificate",
        "description_fa": (
            "صدور گواهی پایان‌کار پس از اتمام عملیات ساختمانی و بازدید کارشناس منطقه. "
            "این گواهی برای تفکیک آپارتمان‌ها و صدور سند تک‌برگ واحدها لازم است."
        ),
        "description_en": (
            "Issues the completion certificate once construction is finished and a district "
            "officer has inspected the building. The certificate is needed to register the "
            "individual flats and issue their title deeds."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 15,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _permit_number(),
            _area(
                "built_area_m2",
                "زیربنای اجراشده (متر مربع)",
                "Floor area as built (m²)",
                "20",
                "200000",
            ),
            _integer("units", "تعداد واحدها", "Number of units", "1", "500"),
            _zone(),
        ],
        "documents": [
            _permit_doc(),
            _doc(
                "final-report",
                "گزارش پایان‌کار مهندس ناظر",
                "Supervising engineer's completion report",
            ),
            _doc(
                "fire-approval",
                "تأییدیه ایمنی سازمان آتش‌نشانی (ساختمان‌های بیش از ۵ طبقه)",
                "Fire-safety approval (buildings over five storeys)",
                mandatory=False,
            ),
            _deed(),
        ],
        "tariff": _tariff(
            "4_000_000 + {1: 22_000, 2: 16_000, 3: 11_000}[zone] * built_area_m2 + 600_000 * units",
            ("revenue:technical-services", 8300),
            _OFFICE,
            ("other:fire-department", 500),
        ),
    },
    {
        "code": "bp-no-violation",
        "title_fa": "گواهی عدم خلاف",
        "title_en": "No-violation certificate",
        "description_fa": (
            "گواهی انطباق ساختمان در حال ساخت یا موجود با پروانه ساختمانی، که بانک‌ها و "
            "خریداران مطالبه می‌کنند. گواهی پس از بازدید محلی صادر می‌شود."
        ),
        "description_en": (
            "Certifies that a building, under construction or complete, matches its permit, as "
            "banks and buyers require. It is issued after a site visit."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [_permit_number(), _built_area(), _floors(), _zone()],
        "documents": [_permit_doc(), _deed()],
        "tariff": _tariff(
            "min(150_000_000, 2_500_000 + {1: 14_000, 2: 10_000, 3: 7_000}[zone] * built_area_m2)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-progress-cert",
        "title_fa": "گواهی پیشرفت فیزیکی ساختمان",
        "title_en": "Construction-progress certificate",
        "description_fa": (
            "گواهی مرحله اجرایی ساختمان (پی، اسکلت، سفت‌کاری یا نازک‌کاری) برای بانک‌ها و "
            "پیش‌فروش واحدها. کارشناس منطقه پیشرفت کار را در بازدید محلی تأیید می‌کند."
        ),
        "description_en": (
            "Certifies the stage a building has reached (foundations, frame, shell or finishing) "
            "for banks and off-plan sales. A district officer confirms the progress on site."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 7,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _permit_number(),
            _choice(
                "stage",
                "مرحله اجرایی",
                "Construction stage",
                [
                    (1, "پی و فونداسیون", "Foundations"),
                    (2, "اسکلت", "Structural frame"),
                    (3, "سفت‌کاری", "Shell"),
                    (4, "نازک‌کاری", "Finishing"),
                ],
            ),
            _built_area(),
            _floors(),
        ],
        "documents": [
            _permit_doc(),
            _doc(
                "progress-report",
                "گزارش پیشرفت کار مهندس ناظر",
                "Supervising engineer's progress report",
            ),
        ],
        "tariff": _tariff(
            "min(60_000_000, 1_800_000 + 250_000 * floors + 3_000 * built_area_m2)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-demolition",
        "title_fa": "مجوز تخریب ساختمان",
        "title_en": "Demolition permit",
        "description_fa": (
            "مجوز تخریب بنای موجود پیش از نوسازی، با تعهد به رعایت اصول ایمنی و حمل نخاله به "
            "محل‌های مجاز. کارشناس منطقه پیش از صدور مجوز از ملک بازدید می‌کند."
        ),
        "description_en": (
            "Permits the demolition of an existing building before redevelopment, subject to "
            "safety rules and the disposal of debris at approved sites. A district officer "
            "visits the property before the permit is issued."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _area(
                "existing_area_m2",
                "زیربنای موجود (متر مربع)",
                "Existing floor area (m²)",
                "10",
                "50000",
            ),
            _integer("floors", "تعداد طبقات موجود", "Existing storeys", "1", "30"),
            _zone(),
            _postal_code(),
            _national_code(),
        ],
        "documents": [
            _deed(),
            _doc(
                "safety-plan",
                "طرح ایمنی تخریب با امضای مهندس ناظر",
                "Demolition safety plan signed by the supervising engineer",
            ),
            _doc(
                "liability-insurance",
                "بیمه‌نامه مسئولیت مدنی کارگاه",
                "Third-party liability insurance for the site",
            ),
            _doc(
                "utilities-disconnected",
                "گواهی قطع انشعاب‌های آب، برق و گاز",
                "Certificate that water, power and gas are disconnected",
            ),
        ],
        "tariff": _tariff(
            "3_000_000 + {1: 20_000, 2: 15_000, 3: 10_000}[zone] * existing_area_m2"
            " + 500_000 * floors",
            ("revenue:building-permit-duty", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-field-inspection",
        "title_fa": "درخواست بازدید کارشناسی",
        "title_en": "Field-inspection request",
        "description_fa": (
            "درخواست بازدید کارشناس شهرسازی از ملک برای کنترل مراحل ساخت، رسیدگی به گزارش "
            "شهروندان یا تعیین وضعیت ملک. نتیجه بازدید در پرونده ثبت و به متقاضی اعلام می‌شود."
        ),
        "description_en": (
            "Requests a visit by a planning officer to check construction stages, follow up a "
            "citizen's report or record the state of a property. The outcome is recorded on the "
            "file and sent to the applicant."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": _ALL,
        "sla_days": 5,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _postal_code(),
            _choice(
                "inspection_type",
                "نوع بازدید",
                "Type of inspection",
                [
                    (1, "کنترل مرحله‌ای ساخت", "Stage check of construction"),
                    (2, "رسیدگی به گزارش شهروندان", "Follow-up of a citizen's report"),
                    (3, "تعیین وضعیت ملک", "Survey of the property's status"),
                ],
            ),
            _area(
                "built_area_m2",
                "زیربنای تقریبی (متر مربع)",
                "Approximate floor area (m²)",
                "1",
                "200000",
            ),
        ],
        "documents": [
            _national_card("کارت ملی متقاضی", "Applicant's national ID card"),
            _doc("photos", "تصاویر ملک", "Photographs of the property", mandatory=False),
        ],
        "tariff": _tariff(
            "{1: 2_200_000, 2: 3_000_000, 3: 4_500_000}[inspection_type]"
            " + 4_000 * min(built_area_m2, 5_000)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-land-use-inquiry",
        "title_fa": "استعلام کاربری و وضعیت ملک",
        "title_en": "Land-use and property-status inquiry",
        "description_fa": (
            "پاسخ رسمی شهرداری درباره کاربری ملک، طرح‌های تعریض معبر و سابقه پروانه آن، که "
            "دفاتر اسناد رسمی، بانک‌ها و مراجع قضایی مطالبه می‌کنند."
        ),
        "description_en": (
            "The municipality's formal answer on a property's land use, road-widening lines and "
            "permit history, as notaries, banks and courts require."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": _ALL,
        "sla_days": 5,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _postal_code(),
            _deed_plate(),
            _area("plot_area_m2", "مساحت عرصه (متر مربع)", "Plot area (m²)", "1", "100000"),
            _choice(
                "purpose",
                "مرجع استعلام",
                "Requested by",
                [
                    (1, "دفتر اسناد رسمی", "Notary public"),
                    (2, "بانک", "Bank"),
                    (3, "مرجع قضایی", "Court"),
                ],
            ),
        ],
        "documents": [_deed()],
        "tariff": _tariff(
            "1_500_000 + min(6_000_000, 2_000 * plot_area_m2)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-subdivision",
        "title_fa": "تفکیک و تجمیع اراضی",
        "title_en": "Land subdivision and amalgamation",
        "description_fa": (
            "بررسی درخواست تفکیک یک قطعه زمین به چند قطعه یا تجمیع چند پلاک، مطابق ماده ۱۰۱ "
            "قانون شهرداری‌ها و ضوابط طرح تفصیلی. نقشه تفکیکی پس از بازدید محلی تأیید می‌شود."
        ),
        "description_en": (
            "Reviews a request to subdivide a plot or to amalgamate several plots under Article "
            "101 of the Municipalities Act and the detailed plan. The subdivision map is approved "
            "after a site visit."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 30,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _area(
                "plot_area_m2", "مساحت کل عرصه (متر مربع)", "Total plot area (m²)", "100", "500000"
            ),
            _choice(
                "request_type",
                "نوع درخواست",
                "Request",
                [(1, "تفکیک", "Subdivision"), (2, "تجمیع", "Amalgamation")],
            ),
            _integer("parcels", "تعداد قطعات", "Number of parcels", "2", "200"),
            _zone(),
        ],
        "documents": [
            _doc("deeds", "اسناد مالکیت همه پلاک‌ها", "Title deeds of all plots"),
            _doc(
                "subdivision-map",
                "نقشه تفکیکی تهیه‌شده توسط نقشه‌بردار دارای صلاحیت",
                "Subdivision map drawn by a licensed surveyor",
            ),
        ],
        "tariff": _tariff(
            "5_000_000 + 1_500_000 * parcels + {1: 3_000, 2: 2_200, 3: 1_500}[zone] * plot_area_m2",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "bp-land-use-change",
        "title_fa": "درخواست تغییر کاربری (کمیسیون ماده ۵)",
        "title_en": "Land-use change request (Article 5 commission)",
        "description_fa": (
            "تشکیل پرونده تغییر کاربری ملک و ارسال آن به کمیسیون ماده ۵ قانون تأسیس شورای عالی "
            "شهرسازی و معماری ایران. تصمیم با کمیسیون است و هزینه بررسی شامل عوارض ارزش افزوده "
            "ناشی از تغییر کاربری نمی‌شود."
        ),
        "description_en": (
            "Opens a file requesting a change of a property's land use and refers it to the "
            "Article 5 commission under the Act establishing Iran's Supreme Council for Urban "
            "Planning and Architecture. The commission decides; the review fee does not include "
            "the duty on the value added by the change."
        ),
        "domain": "building-permits",
        "department": "urban-planning",
        "channels": ["office"],
        "sla_days": 45,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _area("plot_area_m2", "مساحت عرصه (متر مربع)", "Plot area (m²)", "50", "100000"),
            _use("current_use", "کاربری فعلی", "Current use"),
            _use("requested_use", "کاربری درخواستی", "Requested use"),
            _zone(),
        ],
        "documents": [
            _deed(),
            _doc("justification", "گزارش توجیهی تغییر کاربری", "Justification report"),
            _doc("utm-map", "نقشه UTM ملک", "UTM survey map of the property"),
        ],
        "tariff": _tariff(
            "8_000_000 + {1: 12_000, 2: 9_000, 3: 6_000}[zone] * plot_area_m2",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "gs-tree-cutting",
        "title_fa": "مجوز قطع یا جابه‌جایی درخت",
        "title_en": "Tree-cutting or relocation permit",
        "description_fa": (
            "بررسی درخواست قطع یا جابه‌جایی درختان ملک یا معبر مجاور، مطابق لایحه قانونی حفظ و "
            "گسترش فضای سبز در شهرها. بهای درخت بر اساس محیط تنه و گونه آن محاسبه می‌شود."
        ),
        "description_en": (
            "Reviews a request to cut down or relocate trees on a property or the adjoining "
            "street, under the Act on the Preservation and Expansion of Urban Green Space. Each "
            "tree is charged by its trunk girth and species."
        ),
        "domain": "building-permits",
        "department": "services",
        "channels": ["office", "web"],
        "sla_days": 15,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _postal_code(),
            _integer("trees", "تعداد درختان", "Number of trees", "1", "100"),
            _integer(
                "girth_cm",
                "میانگین محیط تنه در ارتفاع ۱٫۳ متری (سانتی‌متر)",
                "Average trunk girth at 1.3 m (cm)",
                "10",
                "500",
            ),
            _choice(
                "species",
                "گونه غالب",
                "Main species",
                [
                    (1, "چنار و نارون", "Plane and elm"),
                    (2, "کاج و سرو", "Pine and cypress"),
                    (3, "درختان میوه", "Fruit trees"),
                    (4, "سایر گونه‌ها", "Other species"),
                ],
            ),
            _choice(
                "action",
                "نوع درخواست",
                "Request",
                [(1, "قطع", "Cutting down"), (2, "جابه‌جایی", "Relocation")],
            ),
        ],
        "documents": [
            _doc("deed-or-lease", "سند مالکیت یا اجاره‌نامه", "Title deed or lease"),
            _doc("photos", "تصاویر درختان", "Photographs of the trees"),
            _doc(
                "expert-report",
                "گزارش کارشناس فضای سبز درباره خطر سقوط درخت",
                "Green-space expert's report on the risk of the tree falling",
                mandatory=False,
            ),
            _permit_doc(mandatory=False),
        ],
        "tariff": _tariff(
            "3_000_000 + trees * girth_cm * {1: 400_000, 2: 300_000, 3: 250_000, 4: 200_000}"
            "[species] * {1: 10, 2: 3}[action] / 10",
            ("revenue:green-space-services", 9500),
            _OFFICE_SMALL,
        ),
    },
    # --- unauthorised construction (Article 100 commission) ---------------------------
    {
        "code": "cv-article100-file",
        "title_fa": "تشکیل پرونده تخلف ساختمانی (کمیسیون ماده ۱۰۰)",
        "title_en": "Unauthorised-construction review (Article 100 commission file)",
        "description_fa": (
            "تشکیل پرونده برای بنای احداث‌شده بدون پروانه یا مازاد بر پروانه و ارجاع آن به "
            "کمیسیون ماده ۱۰۰ قانون شهرداری‌ها، پس از بازدید و تهیه گزارش کارشناسی. این خدمت "
            "فقط به صورت حضوری در دفاتر ارائه می‌شود."
        ),
        "description_en": (
            "Opens a file for construction built without a permit or beyond it and, after a site "
            "visit and an expert report, refers it to the Article 100 commission of the "
            "Municipalities Act. Offered in person at offices only."
        ),
        "domain": "construction-violations",
        "department": "urban-planning",
        "channels": ["office"],
        "sla_days": 30,
        "workflow": "permit",
        "refundable_basis_points": 0,
        "fields": [
            _postal_code(),
            _national_code(),
            _choice(
                "violation_type",
                "نوع تخلف",
                "Type of violation",
                [
                    (1, "احداث بنا بدون پروانه", "Construction without a permit"),
                    (2, "اضافه بنا مازاد بر پروانه", "Floor area beyond the permit"),
                    (3, "تغییر کاربری غیرمجاز", "Unauthorised change of use"),
                    (4, "کسری پارکینگ", "Parking shortfall"),
                ],
            ),
            _area(
                "violation_area_m2",
                "مساحت مورد تخلف (متر مربع)",
                "Area in violation (m²)",
                "1",
                "20000",
            ),
            _zone(),
        ],
        "documents": [
            _deed(),
            _national_card(),
            _permit_doc(mandatory=False),
        ],
        "tariff": _tariff(
            "4_000_000 + {1: 18_000, 2: 12_000, 3: 8_000}[zone] * violation_area_m2",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "cv-appeal",
        "title_fa": "درخواست تجدیدنظر از رأی کمیسیون ماده ۱۰۰",
        "title_en": "Appeal against an Article 100 commission ruling",
        "description_fa": (
            "ثبت اعتراض مالک به رأی بدوی کمیسیون ماده ۱۰۰ برای رسیدگی در کمیسیون تجدیدنظر. "
            "اعتراض باید ظرف ۱۰ روز از ابلاغ رأی ثبت شود."
        ),
        "description_en": (
            "Files the owner's objection to a first-instance ruling of the Article 100 commission "
            "for review by the appeal commission. The appeal must be filed within 10 days of "
            "notification of the ruling."
        ),
        "domain": "construction-violations",
        "department": "urban-planning",
        "channels": ["office"],
        "sla_days": 30,
        "workflow": "certificate",
        "refundable_basis_points": 0,
        "fields": [
            _text("ruling_number", "شماره رأی بدوی", "First-instance ruling number"),
            _date("notified_on", "تاریخ ابلاغ رأی", "Date the ruling was notified"),
            _area(
                "violation_area_m2",
                "مساحت مورد تخلف (متر مربع)",
                "Area in violation (m²)",
                "1",
                "20000",
            ),
            _national_code(),
        ],
        "documents": [
            _doc("ruling", "تصویر رأی بدوی", "Copy of the first-instance ruling"),
            _doc("statement", "لایحه اعتراض", "Statement of objection"),
            _national_card(),
        ],
        "tariff": _tariff(
            "3_500_000 + 5_000 * min(violation_area_m2, 2_000)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "cv-fine-payment",
        "title_fa": "پرداخت جریمه تخلف ساختمانی (رأی کمیسیون ماده ۱۰۰)",
        "title_en": "Payment of an Article 100 commission fine",
        "description_fa": (
            "پرداخت جریمه‌ای که کمیسیون ماده ۱۰۰ در رأی قطعی تعیین کرده است. مبلغ از حاصل‌ضرب "
            "مساحت تخلف، ارزش معاملاتی هر متر مربع و ضریب مندرج در رأی به دست می‌آید."
        ),
        "description_en": (
            "Pays a fine set by the Article 100 commission in a final ruling. The amount is the "
            "area in violation times the transaction value per m² times the multiple stated in "
            "the ruling."
        ),
        "domain": "construction-violations",
        "department": "urban-planning",
        "channels": _ALL,
        "sla_days": 2,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _text("ruling_number", "شماره رأی قطعی", "Final ruling number"),
            _area(
                "violation_area_m2",
                "مساحت مورد تخلف طبق رأی (متر مربع)",
                "Area in violation per the ruling (m²)",
                "1",
                "5000",
            ),
            _integer(
                "value_per_m2",
                "ارزش معاملاتی هر متر مربع طبق رأی (ریال)",
                "Transaction value per m² per the ruling (rials)",
                "100000",
                "30000000",
            ),
            _decimal("multiple", "ضریب جریمه طبق رأی", "Fine multiple per the ruling", "0.1", "4"),
        ],
        "documents": [_doc("ruling", "رأی قطعی کمیسیون", "Final commission ruling")],
        "tariff": _tariff(
            "violation_area_m2 * value_per_m2 * multiple",
            ("revenue:construction-fines", 10000),
        ),
    },
    {
        "code": "cv-unseal",
        "title_fa": "درخواست رفع پلمب",
        "title_en": "Request to lift a seal",
        "description_fa": (
            "درخواست بازگشایی کارگاه ساختمانی یا واحدی که به سبب تخلف پلمب شده است، پس از رفع "
            "تخلف یا صدور رأی کمیسیون. رفع پلمب پس از بازدید کارشناس منطقه انجام می‌شود."
        ),
        "description_en": (
            "Asks for a construction site or unit sealed for a violation to be reopened once the "
            "violation is remedied or the commission has ruled. The seal is lifted after a "
            "district officer's visit."
        ),
        "domain": "construction-violations",
        "department": "urban-planning",
        "channels": ["office"],
        "sla_days": 7,
        "workflow": "permit",
        "refundable_basis_points": 0,
        "fields": [
            _postal_code(),
            _choice(
                "seal_reason",
                "علت پلمب",
                "Reason for the seal",
                [
                    (1, "تخلف ساختمانی", "Construction violation"),
                    (2, "استفاده تجاری غیرمجاز", "Unauthorised commercial use"),
                ],
            ),
            _area(
                "unit_area_m2",
                "مساحت واحد یا کارگاه (متر مربع)",
                "Area of the unit or site (m²)",
                "1",
                "20000",
            ),
        ],
        "documents": [
            _doc(
                "ruling-or-remedy",
                "رأی کمیسیون یا گواهی رفع تخلف",
                "Commission ruling or proof the violation was remedied",
            ),
            _doc("undertaking", "تعهدنامه محضری مالک", "Owner's notarised undertaking"),
        ],
        "tariff": _tariff(
            "3_000_000 + 6_000 * min(unit_area_m2, 3_000)",
            ("revenue:technical-services", 8800),
            _OFFICE,
        ),
    },
    # --- supervising engineers ---------------------------------------------------------
    {
        "code": "se-registration",
        "title_fa": "ثبت‌نام مهندس ناظر",
        "title_en": "Supervising-engineer registration",
        "description_fa": (
            "ثبت مشخصات و صلاحیت مهندس ناظر در سامانه شهرسازی شهرداری تهران برای پذیرش نظارت "
            "بر ساختمان‌ها. ظرفیت نظارت بر اساس پایه و رشته پروانه اشتغال تعیین می‌شود."
        ),
        "description_en": (
            "Registers a supervising engineer's details and qualifications in Tehran "
            "Municipality's urban-planning system so that they can take on building supervision. "
            "Supervision capacity follows the grade and discipline of their practising licence."
        ),
        "domain": "supervising-engineers",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 7,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [_engineer(), _licence_number(), _discipline(), _grade()],
        "documents": [
            _doc("licence", "پروانه اشتغال به کار مهندسی", "Engineering practising licence"),
            _doc(
                "membership-card",
                "کارت عضویت سازمان نظام مهندسی ساختمان استان تهران",
                "Membership card of the Tehran Province Construction Engineering Organisation",
            ),
            _national_card("کارت ملی مهندس", "Engineer's national ID card"),
        ],
        "tariff": _tariff(
            "{1: 2_500_000, 2: 3_500_000, 3: 4_500_000, 4: 6_000_000}[grade]",
            ("revenue:technical-services", 8300),
            _OFFICE,
            ("other:engineering-organisation", 500),
        ),
    },
    {
        "code": "se-annual-renewal",
        "title_fa": "تمدید سالانه ثبت مهندس ناظر",
        "title_en": "Annual renewal of a supervising engineer's registration",
        "description_fa": (
            "تمدید سالانه ثبت مهندس ناظر پس از کنترل اعتبار پروانه اشتغال و عضویت در سازمان "
            "نظام مهندسی. بدون تمدید، نظارت جدیدی به مهندس ارجاع نمی‌شود."
        ),
        "description_en": (
            "Renews a supervising engineer's registration each year after their practising "
            "licence and engineering-organisation membership are checked. Without renewal, no "
            "new supervision is assigned to the engineer."
        ),
        "domain": "supervising-engineers",
        "department": "urban-planning",
        "channels": _ALL,
        "sla_days": 5,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _engineer(),
            _licence_number(),
            _grade(),
            _integer(
                "renewal_year",
                "سال تمدید (هجری شمسی)",
                "Renewal year (Solar Hijri)",
                "1404",
                "1410",
            ),
        ],
        "documents": [
            _doc("licence", "پروانه اشتغال معتبر", "Valid practising licence"),
            _doc(
                "membership-card",
                "کارت عضویت معتبر سازمان نظام مهندسی",
                "Valid engineering-organisation membership card",
            ),
        ],
        "tariff": _tariff(
            "{1: 1_800_000, 2: 2_500_000, 3: 3_200_000, 4: 4_200_000}[grade]",
            ("revenue:technical-services", 8300),
            _OFFICE,
            ("other:engineering-organisation", 500),
        ),
    },
    {
        "code": "se-contract-registration",
        "title_fa": "ثبت قرارداد نظارت",
        "title_en": "Registration of a supervision contract",
        "description_fa": (
            "ثبت قرارداد نظارت میان مالک و مهندس ناظر در پرونده ساختمانی، پس از کنترل ظرفیت و "
            "صلاحیت مهندس. ثبت قرارداد پیش‌شرط صدور پروانه ساختمانی است."
        ),
        "description_en": (
            "Records the supervision contract between the owner and the supervising engineer on "
            "the building file, after the engineer's capacity and competence are checked. A "
            "registered contract is required before a building permit is issued."
        ),
        "domain": "supervising-engineers",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 3,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _file_number(),
            _engineer(),
            _discipline(),
            _built_area(),
            _floors(),
        ],
        "documents": [
            _doc("contract", "قرارداد نظارت امضاشده", "Signed supervision contract"),
            _doc(
                "capacity-certificate",
                "گواهی ظرفیت اشتغال از سازمان نظام مهندسی",
                "Workload-capacity certificate from the engineering organisation",
            ),
        ],
        "tariff": _tariff(
            "min(40_000_000, 1_000_000 + 3_500 * built_area_m2)",
            ("revenue:technical-services", 8000),
            _OFFICE,
            ("other:engineering-organisation", 800),
        ),
    },
    {
        "code": "se-supervisor-change",
        "title_fa": "تغییر مهندس ناظر",
        "title_en": "Change of supervising engineer",
        "description_fa": (
            "جایگزینی مهندس ناظر پرونده به درخواست مالک، استعفای ناظر یا تصمیم سازمان نظام "
            "مهندسی. وضعیت پیشرفت کار در زمان تحویل، در بازدید محلی صورت‌جلسه می‌شود."
        ),
        "description_en": (
            "Replaces the supervising engineer on a file at the owner's request, on the "
            "engineer's resignation or by decision of the engineering organisation. The state of "
            "the works at handover is recorded on a site visit."
        ),
        "domain": "supervising-engineers",
        "department": "urban-planning",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _permit_number(),
            _engineer("previous_engineer_national_code", "کد ملی ناظر قبلی"),
            _engineer("new_engineer_national_code", "کد ملی ناظر جدید"),
            _choice(
                "reason",
                "علت تغییر",
                "Reason for the change",
                [
                    (1, "درخواست مالک", "Owner's request"),
                    (2, "استعفای ناظر", "Engineer's resignation"),
                    (3, "تصمیم سازمان نظام مهندسی", "Engineering organisation's decision"),
                ],
            ),
            _built_area(),
        ],
        "documents": [
            _doc("contract", "قرارداد نظارت جدید", "New supervision contract"),
            _doc(
                "handover-report",
                "گزارش تحویل کار ناظر قبلی",
                "Outgoing engineer's handover report",
                mandatory=False,
            ),
        ],
        "tariff": _tariff(
            "2_000_000 + 2_000 * min(built_area_m2, 10_000)",
            ("revenue:technical-services", 8300),
            _OFFICE,
            ("other:engineering-organisation", 500),
        ),
    },
    # --- transport and traffic ------------------------------------------------------------
    {
        "code": "tr-traffic-zone-annual",
        "title_fa": "مجوز سالانه طرح ترافیک",
        "title_en": "Annual traffic-zone permit",
        "description_fa": (
            "مجوز یک‌ساله تردد در محدوده طرح ترافیک مرکز شهر. بهای مجوز بر اساس گروه متقاضی "
            "(ساکنان و کسبه محدوده، مشاغل خاص یا عموم شهروندان) و نوع خودرو تعیین می‌شود."
        ),
        "description_en": (
            "A one-year permit to drive into the central traffic zone. The price depends on the "
            "applicant group (residents and businesses in the zone, designated professions or "
            "the general public) and the type of vehicle."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": _ALL,
        "sla_days": 3,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _plate(),
            _national_code(fa="کد ملی مالک خودرو", en="National code of the vehicle's owner"),
            _choice(
                "applicant_category",
                "گروه متقاضی",
                "Applicant group",
                [
                    (1, "ساکنان محدوده", "Residents of the zone"),
                    (2, "کسبه محدوده", "Businesses in the zone"),
                    (3, "مشاغل خاص (پزشکان، خبرنگاران و …)", "Designated professions"),
                    (4, "عموم شهروندان", "General public"),
                ],
            ),
            _choice(
                "vehicle_class",
                "نوع خودرو",
                "Type of vehicle",
                [
                    (1, "سواری", "Passenger car"),
                    (2, "وانت", "Pickup"),
                    (3, "ون و مینی‌بوس", "Van or minibus"),
                ],
            ),
        ],
        "documents": [
            _vehicle_card(),
            _doc(
                "eligibility-proof",
                "مدرک سکونت، کسب یا اشتغال در محدوده",
                "Proof of residence, business or designated profession",
                mandatory=False,
            ),
        ],
        "tariff": _tariff(
            "{1: 42_000_000, 2: 60_000_000, 3: 52_000_000, 4: 95_000_000}[applicant_category]"
            " * {1: 10, 2: 12, 3: 12}[vehicle_class] / 10",
            ("revenue:traffic-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "tr-lez-exemption",
        "title_fa": "معافیت از طرح کاهش آلودگی هوا",
        "title_en": "Low-emission-zone exemption",
        "description_fa": (
            "معافیت خودرو از عوارض تردد در محدوده کاهش آلودگی هوا، برای خودروهای برقی و "
            "هیبریدی، جانبازان و افراد دارای معلولیت و کادر درمان شیفت‌کار. معافیت پس از بررسی "
            "مدارک برای یک سال صادر می‌شود."
        ),
        "description_en": (
            "Exempts a vehicle from the low-emission-zone charge: electric and hybrid vehicles, "
            "war veterans and people with disabilities, and shift-working healthcare staff. The "
            "exemption is granted for one year after the documents are checked."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": ["office", "web"],
        "sla_days": 5,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _plate(),
            _integer("model_year", "سال ساخت خودرو", "Model year (Solar Hijri)", "1370", "1404"),
            _choice(
                "exemption_reason",
                "علت معافیت",
                "Grounds for exemption",
                [
                    (1, "خودروی برقی یا هیبریدی", "Electric or hybrid vehicle"),
                    (
                        2,
                        "جانبازان و افراد دارای معلولیت",
                        "War veterans and people with disabilities",
                    ),
                    (3, "کادر درمان شیفت‌کار", "Shift-working healthcare staff"),
                ],
            ),
        ],
        "documents": [
            _doc("eligibility-proof", "مدرک اثبات شرایط معافیت", "Proof of eligibility"),
            _vehicle_card(),
            _inspection_doc(mandatory=False),
        ],
        "tariff": _tariff(
            "{1: 2_500_000, 2: 500_000, 3: 1_200_000}[exemption_reason]",
            ("revenue:traffic-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "tr-resident-parking",
        "title_fa": "مجوز پارک حاشیه‌ای ساکنان",
        "title_en": "Residents' on-street parking permit",
        "description_fa": (
            "مجوز پارک خودروی ساکنان در حاشیه معابر محل سکونت، در محدوده‌هایی که پارک حاشیه‌ای "
            "با پارکومتر یا اپلیکیشن مدیریت می‌شود."
        ),
        "description_en": (
            "Lets residents park on the streets where they live, in areas where on-street "
            "parking is run by parking meters or an app."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": _ALL,
        "sla_days": 3,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _plate(),
            _postal_code("کد پستی محل سکونت", "Postal code of the residence"),
            _choice(
                "parking_area",
                "محدوده پارک",
                "Parking area",
                [
                    (1, "محدوده‌های پرتقاضای مرکزی", "High-demand central areas"),
                    (2, "سایر محدوده‌ها", "Other areas"),
                ],
            ),
            _months("3", "12"),
        ],
        "documents": [
            _doc(
                "residence-proof",
                "سند یا اجاره‌نامه محل سکونت",
                "Title deed or lease of the residence",
            ),
            _vehicle_card(),
        ],
        "tariff": _tariff(
            "{1: 450_000, 2: 300_000}[parking_area] * months",
            ("revenue:traffic-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "tr-taxi-fleet",
        "title_fa": "پروانه بهره‌برداری تاکسی و ون",
        "title_en": "Taxi and van operating permit",
        "description_fa": (
            "صدور یا تمدید سالانه پروانه بهره‌برداری تاکسی، ون و مینی‌بوس ناوگان حمل‌ونقل "
            "عمومی. صدور پروانه منوط به معاینه فنی معتبر و احراز صلاحیت راننده است."
        ),
        "description_en": (
            "Issues or renews each year the operating permit of taxis, vans and minibuses in the "
            "public-transport fleet. A valid roadworthiness certificate and the driver's "
            "clearance are required."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _national_code("driver_national_code", "کد ملی راننده", "Driver's national code"),
            _plate(),
            _choice(
                "vehicle_class",
                "نوع خودرو",
                "Type of vehicle",
                [
                    (1, "تاکسی سواری", "Sedan taxi"),
                    (2, "ون", "Van"),
                    (3, "مینی‌بوس", "Minibus"),
                ],
            ),
            _choice(
                "request_type",
                "نوع درخواست",
                "Request",
                [(1, "صدور پروانه جدید", "New permit"), (2, "تمدید سالانه", "Annual renewal")],
            ),
            _integer("model_year", "سال ساخت خودرو", "Model year (Solar Hijri)", "1385", "1404"),
        ],
        "documents": [
            _doc("driving-licence", "گواهی‌نامه رانندگی پایه لازم", "Driving licence of the class"),
            _inspection_doc(),
            _doc("clean-record", "گواهی عدم سوء پیشینه", "Certificate of no criminal record"),
            _doc(
                "insurance",
                "بیمه‌نامه شخص ثالث و سرنشین",
                "Third-party and passenger insurance",
            ),
        ],
        "tariff": _tariff(
            "{1: 6_500_000, 2: 9_800_000, 3: 14_000_000}[vehicle_class]"
            " + (5_000_000 if request_type == 1 else 0)",
            ("revenue:public-transport-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "tr-heavy-vehicle",
        "title_fa": "مجوز تردد خودروهای سنگین",
        "title_en": "Heavy-vehicle entry permit",
        "description_fa": (
            "مجوز تردد کامیونت، کامیون و تریلی در معابر شهر تهران برای مدتی معین. تردد در ساعات "
            "روز فقط با مجوز شبانه‌روزی مجاز است."
        ),
        "description_en": (
            "Permits a light truck, truck or articulated lorry to use Tehran's streets for a set "
            "period. Driving in daytime hours needs a day-and-night permit."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": _ALL,
        "sla_days": 3,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _plate(),
            _choice(
                "vehicle_class",
                "نوع خودرو",
                "Type of vehicle",
                [
                    (1, "کامیونت تا ۶ تن", "Light truck up to 6 tonnes"),
                    (2, "کامیون ۶ تا ۱۸ تن", "Truck of 6 to 18 tonnes"),
                    (3, "تریلی و کامیون بیش از ۱۸ تن", "Articulated lorry or truck over 18 tonnes"),
                ],
            ),
            _integer("days", "مدت مجوز (روز)", "Permit length (days)", "1", "90"),
            _choice(
                "hours",
                "ساعات تردد",
                "Hours",
                [
                    (1, "فقط شبانه (از ۲۲ تا ۶ بامداد)", "Night only (22:00 to 06:00)"),
                    (2, "شبانه‌روزی", "Day and night"),
                ],
            ),
        ],
        "documents": [
            _vehicle_card(),
            _inspection_doc(),
            _doc(
                "waybill", "قرارداد حمل یا بارنامه", "Haulage contract or waybill", mandatory=False
            ),
        ],
        "tariff": _tariff(
            "{1: 900_000, 2: 1_800_000, 3: 3_200_000}[vehicle_class] * days"
            " * {1: 10, 2: 18}[hours] / 10",
            ("revenue:traffic-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "tr-street-occupation",
        "title_fa": "مجوز اشغال معبر برای کارگاه ساختمانی",
        "title_en": "Construction-site street-occupation permit",
        "description_fa": (
            "مجوز استفاده موقت از بخشی از پیاده‌رو یا سواره‌رو برای کارگاه ساختمانی، با رعایت "
            "ضوابط ایمنی و ترافیکی. محدوده اشغال پیش از صدور مجوز در بازدید محلی تعیین می‌شود."
        ),
        "description_en": (
            "Permits temporary use of part of the pavement or carriageway for a construction "
            "site, under safety and traffic rules. The occupied area is set on a site visit "
            "before the permit is issued."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": ["office", "web"],
        "sla_days": 7,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _permit_number(),
            _date("start_date", "تاریخ شروع اشغال", "Start of occupation"),
            _area(
                "occupied_area_m2",
                "مساحت معبر اشغالی (متر مربع)",
                "Street area occupied (m²)",
                "1",
                "2000",
            ),
            _integer("days", "مدت اشغال (روز)", "Occupation period (days)", "1", "365"),
            _zone(),
            _choice(
                "street_class",
                "نوع معبر",
                "Type of street",
                [(1, "شریانی", "Arterial road"), (2, "محلی و جمع‌کننده", "Local or collector")],
            ),
        ],
        "documents": [
            _permit_doc(),
            _doc("traffic-plan", "طرح ایمنی و ترافیکی کارگاه", "Site safety and traffic plan"),
        ],
        "tariff": _tariff(
            "2_000_000 + occupied_area_m2 * days * {1: 14_000, 2: 10_000, 3: 7_000}[zone]"
            " * {1: 15, 2: 10}[street_class] / 10",
            ("revenue:traffic-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "tr-school-service",
        "title_fa": "پروانه فعالیت سرویس مدارس",
        "title_en": "School-transport vehicle permit",
        "description_fa": (
            "صدور پروانه سالانه خودروهایی که دانش‌آموزان را به مدرسه می‌برند، پس از احراز "
            "صلاحیت راننده و معاینه فنی خودرو."
        ),
        "description_en": (
            "Issues the yearly permit for vehicles that take pupils to school, after the driver "
            "is cleared and the vehicle passes its roadworthiness inspection."
        ),
        "domain": "transport-permits",
        "department": "transport",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _national_code("driver_national_code", "کد ملی راننده", "Driver's national code"),
            _plate(),
            _choice(
                "vehicle_class",
                "نوع خودرو",
                "Type of vehicle",
                [
                    (1, "سواری", "Passenger car"),
                    (2, "ون", "Van"),
                    (3, "مینی‌بوس", "Minibus"),
                ],
            ),
            _integer("model_year", "سال ساخت خودرو", "Model year (Solar Hijri)", "1390", "1404"),
        ],
        "documents": [
            _doc("driving-licence", "گواهی‌نامه رانندگی پایه لازم", "Driving licence of the class"),
            _doc("clean-record", "گواهی عدم سوء پیشینه", "Certificate of no criminal record"),
            _inspection_doc(),
            _doc(
                "health-certificate",
                "گواهی سلامت جسمی و روانی راننده",
                "Driver's physical and mental health certificate",
            ),
        ],
        "tariff": _tariff(
            "{1: 3_500_000, 2: 5_000_000, 3: 7_500_000}[vehicle_class]",
            ("revenue:public-transport-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    # --- municipal duties and bills -----------------------------------------------------
    {
        "code": "fn-renovation-duty",
        "title_fa": "صورتحساب عوارض نوسازی",
        "title_en": "Renovation duty bill",
        "description_fa": (
            "صدور و پرداخت صورتحساب عوارض نوسازی ملک برای سال‌های پرداخت‌نشده. عوارض بر اساس "
            "مساحت عرصه و اعیان و پهنه ملک محاسبه می‌شود."
        ),
        "description_en": (
            "Issues and pays the property renovation duty bill for unpaid years. The duty "
            "depends on the land and floor areas and the property's zone."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": _ALL,
        "sla_days": 1,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _postal_code(),
            _area("land_area_m2", "مساحت عرصه (متر مربع)", "Land area (m²)", "1", "100000"),
            _decimal(
                "built_area_m2",
                "مساحت اعیان (متر مربع)",
                "Floor area of the building (m²)",
                "0",
                "200000",
            ),
            _zone(),
            _integer("years", "تعداد سال‌های پرداخت‌نشده", "Unpaid years", "1", "10"),
        ],
        "documents": [
            _doc(
                "deed-or-bill",
                "سند مالکیت یا آخرین قبض عوارض نوسازی",
                "Title deed or the last renovation-duty bill",
            )
        ],
        "tariff": _tariff(
            "years * ({1: 45_000, 2: 30_000, 3: 18_000}[zone] * land_area_m2"
            " + {1: 12_000, 2: 8_000, 3: 5_000}[zone] * built_area_m2)",
            ("revenue:renovation-duty", 9500),
            _OFFICE_SMALL,
        ),
    },
    {
        "code": "fn-business-duty",
        "title_fa": "صورتحساب عوارض کسب و پیشه",
        "title_en": "Business duty bill",
        "description_fa": (
            "صدور و پرداخت عوارض سالانه کسب و پیشه واحدهای صنفی و تجاری. مبلغ به گروه فعالیت، "
            "مساحت واحد و پهنه محل کسب بستگی دارد."
        ),
        "description_en": (
            "Issues and pays the annual business duty of shops and commercial units. The amount "
            "depends on the activity group, the floor area and the zone of the premises."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": _ALL,
        "sla_days": 1,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _business_licence(),
            _choice(
                "activity_class",
                "گروه فعالیت",
                "Activity group",
                [
                    (1, "خرده‌فروشی و خدمات محلی", "Retail and local services"),
                    (2, "عمده‌فروشی و خدمات عمومی", "Wholesale and general services"),
                    (3, "بانک‌ها و مؤسسات مالی و اعتباری", "Banks and financial institutions"),
                    (4, "رستوران، هتل و تالار", "Restaurants, hotels and banquet halls"),
                ],
            ),
            _area(
                "shop_area_m2", "مساحت واحد (متر مربع)", "Floor area of the unit (m²)", "1", "20000"
            ),
            _zone(),
            _integer("duty_year", "سال عوارض", "Duty year (Solar Hijri)", "1395", "1404"),
        ],
        "documents": [_doc("business-licence", "پروانه کسب", "Business licence")],
        "tariff": _tariff(
            "{1: 4_500_000, 2: 9_000_000, 3: 28_000_000, 4: 12_000_000}[activity_class]"
            " + {1: 90_000, 2: 60_000, 3: 35_000}[zone] * min(shop_area_m2, 5_000)",
            ("revenue:business-duty", 9500),
            _OFFICE_SMALL,
        ),
    },
    {
        "code": "fn-sign-duty",
        "title_fa": "عوارض تابلو و تبلیغات محیطی",
        "title_en": "Sign and billboard duty",
        "description_fa": (
            "صدور و پرداخت عوارض تابلوی معرف مازاد بر ضوابط، تابلوی تبلیغاتی روی بنا و "
            "بیلبورد. تابلوی معرف در حد مجاز مشمول عوارض نیست."
        ),
        "description_en": (
            "Issues and pays the duty on shop signs larger than the rules allow, advertising "
            "signs on buildings and billboards. A shop sign within the permitted size is not "
            "charged."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": _ALL,
        "sla_days": 1,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _postal_code(),
            _choice(
                "sign_type",
                "نوع تابلو",
                "Type of sign",
                [
                    (1, "تابلوی معرف مازاد بر ضوابط", "Shop sign beyond the permitted size"),
                    (2, "تابلوی تبلیغاتی روی بنا", "Advertising sign on a building"),
                    (3, "بیلبورد و تابلوی روی بام", "Billboard or rooftop sign"),
                ],
            ),
            _area("sign_area_m2", "مساحت تابلو (متر مربع)", "Sign area (m²)", "0.5", "500"),
            _months(),
            _zone(),
        ],
        "documents": [
            _doc("photo", "تصویر تابلو", "Photograph of the sign"),
            _doc("business-licence", "پروانه کسب", "Business licence", mandatory=False),
        ],
        "tariff": _tariff(
            "max(1_500_000, {1: 120_000, 2: 450_000, 3: 900_000}[sign_type] * sign_area_m2"
            " * months * {1: 14, 2: 10, 3: 7}[zone] / 10)",
            ("revenue:signage-duty", 9500),
            _OFFICE_SMALL,
        ),
    },
    {
        "code": "fn-transfer-clearance",
        "title_fa": "مفاصاحساب نقل و انتقال ملک",
        "title_en": "Property-transfer clearance",
        "description_fa": (
            "گواهی تسویه عوارض ملک که دفاتر اسناد رسمی پیش از تنظیم سند انتقال مطالبه می‌کنند. "
            "بدهی‌های معوق ملک پیش از صدور گواهی جداگانه اعلام می‌شود."
        ),
        "description_en": (
            "Certifies that the property's municipal duties are settled, as notaries require "
            "before drawing up a transfer deed. Any arrears are notified separately before the "
            "certificate is issued."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": _ALL,
        "sla_days": 5,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _postal_code(),
            _deed_plate(),
            _national_code(fa="کد ملی فروشنده", en="Seller's national code"),
            _area(
                "area_m2", "مساحت مورد انتقال (متر مربع)", "Area transferred (m²)", "1", "200000"
            ),
        ],
        "documents": [
            _deed(),
            _doc("notary-inquiry", "استعلام دفترخانه اسناد رسمی", "Notary's inquiry letter"),
            _doc(
                "renovation-receipt",
                "رسید پرداخت عوارض نوسازی",
                "Renovation-duty payment receipt",
                mandatory=False,
            ),
        ],
        "tariff": _tariff(
            "min(15_000_000, 2_500_000 + 4_000 * area_m2)",
            ("revenue:administrative-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "fn-vehicle-annual-duty",
        "title_fa": "عوارض سالیانه خودرو",
        "title_en": "Annual vehicle duty",
        "description_fa": (
            "پرداخت عوارض سالیانه خودرو و موتورسیکلت برای سال‌های پرداخت‌نشده، که پیش از نقل و "
            "انتقال خودرو باید تسویه شود."
        ),
        "description_en": (
            "Pays the annual municipal duty on cars and motorcycles for unpaid years, which must "
            "be settled before a vehicle changes hands."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": _ALL,
        "sla_days": 1,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _plate(),
            _choice(
                "vehicle_type",
                "نوع وسیله نقلیه",
                "Type of vehicle",
                [
                    (1, "موتورسیکلت", "Motorcycle"),
                    (2, "سواری تا ۱۶۰۰ سی‌سی", "Car up to 1600 cc"),
                    (3, "سواری ۱۶۰۰ تا ۲۵۰۰ سی‌سی", "Car of 1600 to 2500 cc"),
                    (4, "سواری بیش از ۲۵۰۰ سی‌سی", "Car over 2500 cc"),
                    (5, "وانت و ون", "Pickup or van"),
                ],
            ),
            _integer("years", "تعداد سال‌های پرداخت‌نشده", "Unpaid years", "1", "10"),
        ],
        "documents": [_vehicle_card()],
        "tariff": _tariff(
            "years * {1: 350_000, 2: 1_200_000, 3: 2_500_000, 4: 6_000_000, 5: 1_600_000}"
            "[vehicle_type]",
            ("revenue:vehicle-annual-duty", 9500),
            _OFFICE_SMALL,
        ),
    },
    {
        "code": "fn-parking-shortfall-duty",
        "title_fa": "عوارض کسری پارکینگ",
        "title_en": "Parking-shortfall duty",
        "description_fa": (
            "پرداخت عوارض جبران کسری پارکینگ ساختمان‌هایی که تأمین همه پارکینگ‌های لازم در "
            "آن‌ها ممکن نیست، پس از موافقت کمیسیون مربوط. این عوارض صرف احداث پارکینگ‌های "
            "عمومی می‌شود."
        ),
        "description_en": (
            "Pays the duty that compensates for parking spaces a building cannot provide, once "
            "the competent commission has agreed. The duty funds public car parks."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": ["office", "web"],
        "sla_days": 1,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _file_number(),
            _integer("spaces", "تعداد پارکینگ کسری", "Missing parking spaces", "1", "50"),
            _zone(),
            _use(),
        ],
        "documents": [
            _doc(
                "commission-approval",
                "مصوبه کمیسیون درباره کسری پارکینگ",
                "Commission's approval of the shortfall",
            )
        ],
        "tariff": _tariff(
            "spaces * {1: 900_000_000, 2: 600_000_000, 3: 350_000_000}[zone]"
            " * {1: 10, 2: 15, 3: 12, 4: 5}[use] / 10",
            ("revenue:parking-shortfall-duty", 10000),
        ),
    },
    {
        "code": "fn-duty-objection",
        "title_fa": "اعتراض به عوارض (کمیسیون ماده ۷۷)",
        "title_en": "Objection to a duty (Article 77 commission)",
        "description_fa": (
            "ثبت اعتراض مؤدی به عوارض مطالبه‌شده برای رسیدگی در کمیسیون ماده ۷۷ قانون "
            "شهرداری‌ها. رأی کمیسیون برای شهرداری و مؤدی لازم‌الاجراست."
        ),
        "description_en": (
            "Files a payer's objection to a duty demanded by the municipality for decision by "
            "the Article 77 commission of the Municipalities Act. The commission's decision "
            "binds both the municipality and the payer."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": ["office", "web"],
        "sla_days": 30,
        "workflow": "certificate",
        "refundable_basis_points": 0,
        "fields": [
            _text("bill_number", "شماره صورتحساب", "Bill number", 30),
            _choice(
                "duty_type",
                "نوع عوارض",
                "Type of duty",
                [
                    (1, "عوارض کسب و پیشه", "Business duty"),
                    (2, "عوارض نوسازی", "Renovation duty"),
                    (3, "عوارض تابلو", "Sign duty"),
                    (4, "سایر عوارض", "Other duties"),
                ],
            ),
            _integer(
                "disputed_amount",
                "مبلغ مورد اعتراض (ریال)",
                "Amount disputed (rials)",
                "100000",
                "100000000000",
            ),
        ],
        "documents": [
            _doc("bill", "صورتحساب مورد اعتراض", "The bill objected to"),
            _doc("statement", "لایحه اعتراض و مستندات", "Statement of objection with evidence"),
        ],
        "tariff": _tariff(
            "min(5_000_000, 1_000_000 + disputed_amount / 1_000)",
            ("revenue:administrative-services", 8800),
            _OFFICE,
        ),
    },
    {
        "code": "fn-waste-duty",
        "title_fa": "عوارض مدیریت پسماند واحدهای صنفی",
        "title_en": "Waste-management duty for businesses",
        "description_fa": (
            "صدور و پرداخت عوارض مدیریت پسماند واحدهای صنفی و تجاری، بر اساس گروه تولید پسماند "
            "و مساحت واحد."
        ),
        "description_en": (
            "Issues and pays the waste-management duty of shops and businesses according to "
            "their waste-generation group and floor area."
        ),
        "domain": "duties-and-bills",
        "department": "finance",
        "channels": _ALL,
        "sla_days": 1,
        "workflow": "bill",
        "refundable_basis_points": 0,
        "fields": [
            _business_licence(),
            _choice(
                "waste_class",
                "گروه تولید پسماند",
                "Waste-generation group",
                [
                    (1, "کم‌تولید (دفاتر و خدمات)", "Low (offices and services)"),
                    (2, "متوسط (خرده‌فروشی مواد غذایی)", "Medium (food retail)"),
                    (3, "پرتولید (رستوران و میوه‌فروشی)", "High (restaurants and greengrocers)"),
                ],
            ),
            _area("area_m2", "مساحت واحد (متر مربع)", "Floor area of the unit (m²)", "1", "20000"),
            _months(),
        ],
        "documents": [_doc("business-licence", "پروانه کسب", "Business licence")],
        "tariff": _tariff(
            "months * ({1: 350_000, 2: 900_000, 3: 2_400_000}[waste_class]"
            " + 2_000 * min(area_m2, 2_000))",
            ("revenue:waste-services", 9500),
            _OFFICE_SMALL,
        ),
    },
    # --- waste-collection contracts ------------------------------------------------------
    {
        "code": "ws-business-collection",
        "title_fa": "قرارداد جمع‌آوری پسماند واحدهای تجاری",
        "title_en": "Waste-collection contract for businesses",
        "description_fa": (
            "انعقاد قرارداد جمع‌آوری اختصاصی پسماند برای واحدهای تجاری و اداری پرتولید. میزان "
            "پسماند روزانه و دفعات جمع‌آوری پس از بازدید کارشناس تأیید می‌شود."
        ),
        "description_en": (
            "A contract for dedicated waste collection from large commercial and office waste "
            "producers. The daily quantity and the collection frequency are confirmed by an "
            "officer's visit."
        ),
        "domain": "waste-contracts",
        "department": "services",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _business_licence(
                "شماره پروانه کسب یا شناسه ملی", "Business-licence number or company ID"
            ),
            _postal_code("کد پستی محل", "Postal code of the premises"),
            _decimal(
                "daily_waste_kg", "پسماند روزانه (کیلوگرم)", "Daily waste (kg)", "10", "20000"
            ),
            _integer(
                "pickups_per_week",
                "دفعات جمع‌آوری در هفته",
                "Collections per week",
                "1",
                "7",
            ),
            _months(),
        ],
        "documents": [
            _doc("business-licence", "پروانه کسب یا آگهی تأسیس", "Business licence or charter"),
            _doc("deed-or-lease", "سند مالکیت یا اجاره‌نامه محل", "Title deed or lease"),
        ],
        "tariff": _tariff(
            "months * (2_500_000 + daily_waste_kg * 30 * 3_000 * pickups_per_week / 7)",
            ("revenue:waste-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "ws-debris-removal",
        "title_fa": "مجوز حمل و تخلیه نخاله ساختمانی",
        "title_en": "Construction-debris removal permit",
        "description_fa": (
            "مجوز حمل نخاله و خاک حاصل از تخریب و گودبرداری به محل‌های دفن مجاز با کامیون‌های "
            "دارای کارت فعالیت. حمل نخاله بدون مجوز تخلف است."
        ),
        "description_en": (
            "Permits rubble and soil from demolition and excavation to be hauled to approved "
            "disposal sites by licensed trucks. Hauling debris without a permit is an offence."
        ),
        "domain": "waste-contracts",
        "department": "services",
        "channels": _ALL,
        "sla_days": 3,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _postal_code("کد پستی کارگاه", "Postal code of the site"),
            _text(
                "permit_number",
                "شماره پروانه یا مجوز تخریب",
                "Building or demolition permit number",
                required=False,
            ),
            _choice(
                "debris_type",
                "نوع نخاله",
                "Type of debris",
                [
                    (1, "نخاله تخریب و ساختمانی", "Demolition and construction rubble"),
                    (2, "خاک گودبرداری", "Excavation soil"),
                ],
            ),
            _decimal("volume_m3", "حجم تقریبی (متر مکعب)", "Approximate volume (m³)", "1", "5000"),
        ],
        "documents": [
            _doc(
                "permit",
                "مجوز تخریب یا پروانه ساختمانی",
                "Demolition or building permit",
                mandatory=False,
            ),
            _doc(
                "hauler-contract",
                "قرارداد با پیمانکار حمل دارای کارت فعالیت",
                "Contract with a licensed haulier",
            ),
        ],
        "tariff": _tariff(
            "1_500_000 + volume_m3 * {1: 420_000, 2: 260_000}[debris_type]",
            ("revenue:waste-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "ws-recycling-contract",
        "title_fa": "قرارداد تفکیک از مبدأ و تحویل پسماند خشک",
        "title_en": "Recycling (source-separation) contract",
        "description_fa": (
            "ثبت قرارداد تحویل منظم پسماند خشک تفکیک‌شده برای مجتمع‌های مسکونی، ادارات، "
            "مدارس و مجتمع‌های تجاری. پسماند خشک در روزهای معین به پیمانکار بازیافت منطقه "
            "تحویل می‌شود."
        ),
        "description_en": (
            "Registers a contract for the regular hand-over of separated dry recyclables from "
            "residential complexes, offices, schools and shopping centres. The district's "
            "recycling contractor collects them on set days."
        ),
        "domain": "waste-contracts",
        "department": "services",
        "channels": _ALL,
        "sla_days": 7,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _postal_code("کد پستی محل", "Postal code of the premises"),
            _choice(
                "generator_type",
                "نوع مولد پسماند",
                "Type of producer",
                [
                    (1, "مجتمع مسکونی", "Residential complex"),
                    (2, "اداره یا سازمان", "Office or organisation"),
                    (3, "مدرسه یا دانشگاه", "School or university"),
                    (4, "مجتمع تجاری", "Shopping centre"),
                ],
            ),
            _integer("units", "تعداد واحدها یا کارکنان", "Units or staff", "1", "2000"),
            _months("3", "24"),
        ],
        "documents": [
            _doc(
                "representative-letter",
                "معرفی‌نامه مدیر ساختمان یا نماینده سازمان",
                "Letter appointing the building manager or the organisation's representative",
            )
        ],
        "tariff": _tariff(
            "months * {1: 150_000, 2: 400_000, 3: 120_000, 4: 600_000}[generator_type]"
            " + 20_000 * min(units, 500)",
            ("revenue:waste-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "ws-bulky-waste",
        "title_fa": "درخواست جمع‌آوری پسماند حجیم",
        "title_en": "Bulky-waste collection request",
        "description_fa": (
            "جمع‌آوری اثاثیه و لوازم خانگی کهنه و ضایعات هرس باغچه از محل سکونت در نوبت "
            "هماهنگ‌شده. این درخواست فقط به صورت غیرحضوری ثبت می‌شود."
        ),
        "description_en": (
            "Collects old furniture, large appliances and garden prunings from the home at an "
            "agreed time. Requested online only."
        ),
        "domain": "waste-contracts",
        "department": "services",
        "channels": ["web", "partner"],
        "sla_days": 5,
        "workflow": "certificate",
        "refundable_basis_points": 10000,
        "fields": [
            _postal_code("کد پستی محل جمع‌آوری", "Postal code of the pick-up address"),
            _choice(
                "item_type",
                "نوع پسماند",
                "Type of waste",
                [
                    (1, "اثاثیه و مبلمان", "Furniture"),
                    (2, "لوازم خانگی بزرگ", "Large appliances"),
                    (3, "ضایعات هرس و باغچه", "Garden prunings"),
                ],
            ),
            _integer("items", "تعداد اقلام", "Number of items", "1", "20"),
        ],
        "documents": [_doc("photos", "تصویر اقلام", "Photographs of the items", mandatory=False)],
        "tariff": _tariff(
            "800_000 + items * {1: 250_000, 2: 350_000, 3: 150_000}[item_type]",
            ("revenue:waste-services", 10000),
        ),
    },
    {
        "code": "ws-skip-placement",
        "title_fa": "مجوز استقرار جام نخاله در معبر",
        "title_en": "Debris-skip placement permit",
        "description_fa": (
            "مجوز قرار دادن جام (کانتینر) نخاله در معبر عمومی مجاور کارگاه یا ملک در حال "
            "تعمیر، برای مدتی معین و با نصب علائم ایمنی."
        ),
        "description_en": (
            "Permits a debris skip to stand on the public street next to a site or a property "
            "under repair for a set period, with safety markings."
        ),
        "domain": "waste-contracts",
        "department": "services",
        "channels": _ALL,
        "sla_days": 3,
        "workflow": "certificate",
        "refundable_basis_points": 8000,
        "fields": [
            _postal_code(),
            _integer("skips", "تعداد جام", "Number of skips", "1", "5"),
            _integer("days", "مدت استقرار (روز)", "Placement period (days)", "1", "30"),
            _zone(),
        ],
        "documents": [
            _doc(
                "hauler-contract",
                "قرارداد با پیمانکار دارای مجوز حمل نخاله",
                "Contract with a licensed debris haulier",
            )
        ],
        "tariff": _tariff(
            "1_000_000 + skips * days * {1: 180_000, 2: 140_000, 3: 100_000}[zone]",
            ("revenue:waste-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
    {
        "code": "ws-medical-waste",
        "title_fa": "قرارداد جمع‌آوری پسماند عفونی مراکز درمانی",
        "title_en": "Infectious-waste contract for healthcare facilities",
        "description_fa": (
            "قرارداد جمع‌آوری و بی‌خطرسازی پسماند عفونی و تیز و برنده مطب‌ها، آزمایشگاه‌ها، "
            "درمانگاه‌ها و بیمارستان‌ها. محل نگهداری پسماند پیش از انعقاد قرارداد بازدید "
            "می‌شود."
        ),
        "description_en": (
            "A contract to collect and treat infectious and sharps waste from surgeries, "
            "laboratories, clinics and hospitals. On-site waste storage is inspected before the "
            "contract is signed."
        ),
        "domain": "waste-contracts",
        "department": "services",
        "channels": ["office", "web"],
        "sla_days": 10,
        "workflow": "permit",
        "refundable_basis_points": 8000,
        "fields": [
            _business_licence(
                "شماره پروانه بهره‌برداری مرکز", "Operating-licence number of the facility"
            ),
            _postal_code("کد پستی مرکز", "Postal code of the facility"),
            _choice(
                "centre_type",
                "نوع مرکز",
                "Type of facility",
                [
                    (1, "مطب", "Doctor's surgery"),
                    (2, "دندان‌پزشکی یا آزمایشگاه", "Dental surgery or laboratory"),
                    (3, "درمانگاه", "Clinic"),
                    (4, "بیمارستان", "Hospital"),
                ],
            ),
            _decimal(
                "daily_waste_kg",
                "پسماند عفونی روزانه (کیلوگرم)",
                "Daily infectious waste (kg)",
                "0.5",
                "5000",
            ),
            _months(),
        ],
        "documents": [
            _doc(
                "operating-licence",
                "پروانه بهره‌برداری از وزارت بهداشت",
                "Operating licence from the Ministry of Health",
            ),
            _doc(
                "storage-plan",
                "مشخصات محل نگهداری موقت پسماند",
                "Description of the temporary waste store",
                mandatory=False,
            ),
        ],
        "tariff": _tariff(
            "months * ({1: 1_200_000, 2: 1_800_000, 3: 4_000_000, 4: 12_000_000}[centre_type]"
            " + daily_waste_kg * 30 * 25_000)",
            ("revenue:waste-services", 9000),
            _OFFICE_PERMITS,
        ),
    },
]


# --- self-check ------------------------------------------------------------------------------


def self_check() -> None:
    import itertools
    import re
    from decimal import Decimal

    from daftar.catalogue import formula

    slug = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    field_name = re.compile(r"^[a-z][a-z0-9_]*$")
    arabic_letters = re.compile(
        "[\u064a\u0643\u0649\u0660-\u0669]"
    )  # Arabic yeh, kaf, alef maksura; Arabic-Indic digits
    detached_affix = re.compile(r"(^|\s)(ن?می)\s|\s(ها|های|هایی|ای|تر|ترین)(\s|$|[،.؛:)])")

    def check_fa(text: str, where: str) -> None:
        assert isinstance(text, str), where
        assert text, f"{where}: empty Persian text"
        assert not arabic_letters.search(text), f"{where}: Arabic letters or digits in {text!r}"
        assert not re.search(r"[0-9]", text), f"{where}: Latin digits in Persian text {text!r}"
        assert text == text.strip(), f"{where}: stray spaces in {text!r}"
        assert "  " not in text, f"{where}: double space in {text!r}"
        assert not re.search("(^|\\s)\u200c|\u200c(\\s|$)|\u200c\u200c", text), (
            f"{where}: misplaced ZWNJ in {text!r}"
        )
        assert not detached_affix.search(text), f"{where}: detached affix (ZWNJ?) in {text!r}"

    def check_en(text: str, where: str) -> None:
        assert isinstance(text, str), where
        assert text, where
        assert text == text.strip(), f"{where}: {text!r}"
        assert not re.search("[\u0600-\u06ff\u200c]", text), f"{where}: Persian in English"

    # departments, domains, revenue heads, other beneficiaries
    department_codes = [code for code, *_ in DEPARTMENTS]
    assert department_codes == ["urban-planning", "transport", "finance", "services"]
    domain_codes = {code: department for code, _fa, _en, department in DOMAINS}
    assert list(domain_codes) == [
        "building-permits",
        "construction-violations",
        "supervising-engineers",
        "transport-permits",
        "duties-and-bills",
        "waste-contracts",
    ]
    assert set(domain_codes.values()) <= set(department_codes)
    revenue_codes = {code for code, *_ in REVENUE_HEADS}
    other_codes = {code for code, *_ in OTHER_BENEFICIARIES}
    assert len(revenue_codes) == len(REVENUE_HEADS), "duplicate revenue head"
    for table in (DEPARTMENTS, DOMAINS, REVENUE_HEADS, OTHER_BENEFICIARIES):
        for code, name_fa, name_en, *_ in table:
            assert slug.match(code), code
            assert len(code) <= 40, code
            check_fa(name_fa, code)
            check_en(name_en, code)

    # services
    assert 36 <= len(SERVICES) <= 44, len(SERVICES)
    codes = [s["code"] for s in SERVICES]
    assert len(codes) == len(set(codes)), "duplicate service codes"
    keys = {
        "code", "title_fa", "title_en", "description_fa", "description_en", "domain",
        "department", "channels", "sla_days", "workflow", "refundable_basis_points", "fields",
        "documents", "tariff",
    }  # fmt: skip
    numeric_types = {"integer", "decimal", "area", "choice"}
    field_types = numeric_types | {"text", "date", "national_code", "postal_code", "file"}
    used_revenue, used_other = set(), set()
    for service in SERVICES:
        code = service["code"]
        assert set(service) == keys, f"{code}: keys {set(service) ^ keys}"
        assert slug.match(code), code
        assert len(code) <= 40, code
        assert service["domain"] in domain_codes, f"{code}: domain"
        assert service["department"] in department_codes, f"{code}: department"
        for key in ("title_fa", "description_fa"):
            check_fa(service[key], f"{code}.{key}")
        for key in ("title_en", "description_en"):
            check_en(service[key], f"{code}.{key}")
        for key in ("title_fa", "title_en"):
            assert len(service[key]) <= 200, f"{code}: {key} too long"
        for key in ("description_fa", "description_en"):
            sentences = len(re.findall(r"[.!?؟](\s|$)", service[key]))
            assert 1 <= sentences <= 3, f"{code}: {key} has {sentences} sentences"
        channels = service["channels"]
        assert channels, f"{code}: no channel"
        assert len(channels) == len(set(channels)), f"{code}: channels"
        assert set(channels) <= {"office", "web", "partner"}, f"{code}: channels"
        assert isinstance(service["sla_days"], int), code
        assert 1 <= service["sla_days"] <= 90, code
        assert service["workflow"] in {"permit", "certificate", "bill"}, f"{code}: workflow"
        assert service["refundable_basis_points"] in {10000, 8000, 0}, f"{code}: refund"

        fields = service["fields"]
        assert 2 <= len(fields) <= 6, f"{code}: {len(fields)} fields"
        names = [f["name"] for f in fields]
        assert len(names) == len(set(names)), f"{code}: duplicate field names"
        numeric = {}
        for field in fields:
            where = f"{code}.{field['name']}"
            assert field_name.match(field["name"]), where
            assert len(field["name"]) <= 40, where
            assert field["type"] in field_types, where
            assert isinstance(field["required"], bool), where
            check_fa(field["label_fa"], where)
            check_en(field["label_en"], where)
            if field["type"] in {"integer", "decimal", "area"}:
                low, high = Decimal(field["min"]), Decimal(field["max"])
                assert low <= high < Decimal(10) ** 12, f"{where}: bounds"
                assert low == low.quantize(Decimal("0.01")), f"{where}: two decimals at most"
                assert high == high.quantize(Decimal("0.01")), f"{where}: two decimals at most"
                if field["type"] == "integer":
                    assert low == int(low), f"{where}: integer bounds"
                    assert high == int(high), f"{where}: integer bounds"
                if field["type"] == "area":
                    assert low > 0, f"{where}: an area is more than zero"
                middle = (low + high) / 2
                middle = Decimal(int(middle)) if field["type"] == "integer" else middle
                numeric[field["name"]] = sorted({low, middle.quantize(Decimal("0.01")), high})
            else:
                assert "min" not in field, f"{where}: bounds"
                assert "max" not in field, f"{where}: bounds"
            if field["type"] == "choice":
                choices = field["choices"]
                values = [c["value"] for c in choices]
                assert len(choices) >= 2, where
                assert len(values) == len(set(values)), where
                for choice in choices:
                    assert type(choice["value"]) is int, f"{where}: choice values are integers"
                    check_fa(choice["label_fa"], where)
                    check_en(choice["label_en"], where)
                numeric[field["name"]] = [Decimal(v) for v in values]
            else:
                assert "choices" not in field, f"{where}: choices"
            if field["type"] == "text":
                assert isinstance(field.get("max_length"), int), where
                assert field["max_length"] > 0, where

        documents = service["documents"]
        assert 1 <= len(documents) <= 4, f"{code}: {len(documents)} documents"
        doc_codes = [d["code"] for d in documents]
        assert len(doc_codes) == len(set(doc_codes)), f"{code}: duplicate documents"
        for document in documents:
            where = f"{code}.{document['code']}"
            assert slug.match(document["code"]), where
            assert len(document["code"]) <= 40, where
            assert set(document) == {"code", "title_fa", "title_en", "mandatory"}, where
            assert isinstance(document["mandatory"], bool), where
            check_fa(document["title_fa"], where)
            check_en(document["title_en"], where)

        # tariff: the formula, read by the same safe evaluator the app uses
        formula_text = service["tariff"]["formula"]
        read = formula.names(formula_text)  # raises FormulaError if it is not allowed
        assert read <= set(numeric), f"{code}: formula reads {read - set(numeric)}"
        required = {f["name"] for f in fields if f["required"]}
        assert read <= required, f"{code}: formula reads optional fields {read - required}"
        samples = [numeric[name] for name in sorted(read)]
        for combination in itertools.product(*samples):
            values = dict(zip(sorted(read), combination, strict=True))
            result = formula.evaluate(formula_text, values)
            assert 0 <= result < 10**12, f"{code}: {result} for {values}"

        # tariff: the splits
        splits = service["tariff"]["splits"]
        assert splits, f"{code}: no splits"
        beneficiaries = [s["beneficiary"] for s in splits]
        assert len(beneficiaries) == len(set(beneficiaries)), f"{code}: beneficiary twice"
        assert beneficiaries[0].startswith("revenue:"), f"{code}: first split is not revenue"
        for part in splits:
            who, points = part["beneficiary"], part["basis_points"]
            assert set(part) == {"beneficiary", "basis_points"}, code
            assert type(points) is int, f"{code}: {who} share"
            assert points > 0, f"{code}: {who} share"
            if who == "office_fee":
                assert "office" in channels, f"{code}: office fee without the office channel"
                assert 500 <= points <= 2000, f"{code}: office fee {points}"
            elif who.startswith("revenue:"):
                assert who[8:] in revenue_codes, f"{code}: unknown revenue head {who}"
                used_revenue.add(who[8:])
            elif who.startswith("other:"):
                assert slug.match(who[6:]), f"{code}: {who}"
                assert who[6:] in other_codes, f"{code}: {who}"
                used_other.add(who[6:])
            else:
                raise AssertionError(f"{code}: unknown beneficiary {who}")
        assert sum(s["basis_points"] for s in splits) == 10_000, f"{code}: splits"

    assert used_revenue == revenue_codes, f"unused revenue heads {revenue_codes - used_revenue}"
    assert used_other == other_codes, f"unused beneficiaries {other_codes - used_other}"


if __name__ == "__main__":
    from collections import Counter

    self_check()
    by_domain = Counter(s["domain"] for s in SERVICES)
    by_channel = Counter(c for s in SERVICES for c in s["channels"])
    by_workflow = Counter(s["workflow"] for s in SERVICES)
    print(f"{len(SERVICES)} services: OK")
    print("  by domain:", dict(by_domain))
    print("  by channel:", dict(by_channel))
    print("  by workflow:", dict(by_workflow))
