"""Demo content for the governance app: the offices bylaw, two commission drafts, the merge.

The source (a report on the Tehran city council's 341st session) says the bylaw organising
the electronic city-services offices existed in two versions, one from the Urban Planning and
Architecture commission and one from the Planning and Budget commission, merged by a joint
meeting before reaching the council floor. This module provides those two drafts, the joint
meeting's article-by-article choices and a year (1404) of steering-committee decisions.

All text is written for the demo in formal Persian legal drafting style, with an English
translation beside each piece; it is not copied from any real bylaw. Pure data: only the
standard library is imported.

Article numbers are one numbering scheme shared by both drafts: an article present in only one
draft leaves its number unused in the other (gaps allowed), so drafts compare and merge by
number. Run this file to check the data's rules (`self_check`).
"""

import copy
import datetime
import re

BYLAW_SLUG = "offices-bylaw"
BYLAW_TITLE_FA = "آیین\u200cنامه ساماندهی دفاتر خدمات الکترونیک شهر تهران"
BYLAW_SHORT_TITLE_FA = "آیین\u200cنامه ساماندهی دفاتر"
BYLAW_TITLE_EN = "Bylaw on organising Tehran's electronic city-services offices"
BYLAW_SHORT_TITLE_EN = "Offices bylaw"

# A draft is a list of chapters:
#   {"number": 1, "title_fa": "...", "title_en": "...", "articles": [ARTICLE, ...]}
# An article:
#   {"number": 7, "title_fa": "...", "title_en": "...", "text_fa": "...", "text_en": "...",
#    "notes": [{"text_fa": "...", "text_en": "..."}, ...]}   # notes are تبصره 1, 2, … in order
# Article numbers are unique and increasing across the whole draft (not per chapter).

# Chapters are the same in both drafts; each lists the article numbers of its range.
_CHAPTERS = [
    {
        "number": 1,
        "title_fa": "کلیات و تعاریف",
        "title_en": "General provisions and definitions",
        "articles": (1, 2),
    },
    {
        "number": 2,
        "title_fa": "کمیته راهبری",
        "title_en": "The steering committee",
        "articles": (3, 4, 5),
    },
    {
        "number": 3,
        "title_fa": "صدور مجوز",
        "title_en": "Licensing",
        "articles": (6, 7, 8, 9, 10, 11, 12, 13),
    },
    {
        "number": 4,
        "title_fa": "تکالیف دفاتر",
        "title_en": "Obligations of the offices",
        "articles": (14, 15, 16, 17, 18, 19),
    },
    {
        "number": 5,
        "title_fa": "تکالیف شهرداری و سازمان فاوا",
        "title_en": "Obligations of the municipality and FAVA",
        "articles": (20, 21, 22, 23, 24),
    },
    {
        "number": 6,
        "title_fa": "نظارت و رسیدگی به تخلفات",
        "title_en": "Supervision and violations",
        "articles": (25, 26, 27, 28, 29, 30, 31, 32),
    },
    {
        "number": 7,
        "title_fa": "مقررات پایانی",
        "title_en": "Final provisions",
        "articles": (33, 34),
    },
]

# Articles worded identically in both drafts.
_COMMON_ARTICLES = [
    {
        "number": 1,
        "title_fa": "هدف و دامنه شمول",
        "title_en": "Purpose and scope",
        "text_fa": (
            "این آیین‌نامه به‌منظور ساماندهی دفاتر خدمات الکترونیک شهر تهران، رفع انحصار در ارائه "
            "خدمات، تضمین دسترسی برابر شهروندان به خدمات شهرداری به‌صورت حضوری و غیرحضوری، شفافیت "
            "در دریافت و واریز وجوه و برقراری نظارت مستمر بر عملکرد دفاتر تدوین شده است و بر "
            "تمامی دفاتر و واحدهای شهرداری و سازمان‌های وابسته که از طریق دفاتر خدمت ارائه "
            "می‌کنند، حاکم است."
        ),
        "text_en": (
            "This bylaw is drawn up to organise Tehran's electronic city-services offices, to end "
            "monopoly in the delivery of services, to guarantee citizens equal access to "
            "municipal services in person and remotely, to make the collection and deposit of "
            "funds transparent and to establish continuous supervision of the offices' "
            "performance. It governs all offices and all units of the municipality and its "
            "affiliated organisations that deliver services through the offices."
        ),
        "notes": [],
    },
    {
        "number": 3,
        "title_fa": "ترکیب کمیته راهبری",
        "title_en": "Composition of the steering committee",
        "text_fa": (
            "به‌منظور سیاست‌گذاری، هماهنگی و نظارت بر دفاتر، کمیته راهبری دفاتر خدمات الکترونیک "
            "شهر با عضویت معاون شهرسازی و معماری، معاون برنامه‌ریزی، توسعه سرمایه انسانی و امور "
            "شورا و معاون مالی و اقتصاد شهری شهرداری تشکیل می‌شود. ریاست کمیته بر عهده معاون "
            "برنامه‌ریزی، توسعه سرمایه انسانی و امور شورا است."
        ),
        "text_en": (
            "To set policy for, coordinate and supervise the offices, a steering committee for "
            "the electronic city-services offices is formed, whose members are the municipality's "
            "deputy for urban planning and architecture, deputy for planning, human-capital "
            "development and council affairs, and deputy for finance and urban economy. The "
            "committee is chaired by the deputy for planning, human-capital development and "
            "council affairs."
        ),
        "notes": [
            {
                "text_fa": (
                    "سازمان فاوا عضو کمیته راهبری نیست و نماینده آن تنها برای ارائه گزارش فنی و "
                    "بدون حق رأی به جلسات دعوت می‌شود."
                ),
                "text_en": (
                    "The FAVA organisation is not a member of the steering committee; its "
                    "representative is invited to meetings only to present technical reports, "
                    "without a vote."
                ),
            },
            {
                "text_fa": (
                    "دبیرخانه کمیته در معاونت برنامه‌ریزی، توسعه سرمایه انسانی و امور شورا مستقر "
                    "است و ثبت، شماره‌گذاری و نگهداری سوابق مصوبات را بر عهده دارد."
                ),
                "text_en": (
                    "The committee's secretariat sits in the deputy office for planning, "
                    "human-capital development and council affairs and is responsible for "
                    "recording, numbering and keeping the records of decisions."
                ),
            },
        ],
    },
    {
        "number": 4,
        "title_fa": "وظایف و اختیارات کمیته",
        "title_en": "Duties and powers of the committee",
        "text_fa": (
            "وظایف و اختیارات کمیته راهبری به شرح زیر است:\n"
            "الف) تعیین سیاست‌ها و خط‌مشی‌های حاکم بر دفاتر؛\n"
            "ب) تعیین تعرفه خدمات ارائه‌شده در دفاتر و سهم دفاتر از آن، در چارچوب مصوبات شورای "
            "اسلامی شهر تهران؛\n"
            "پ) انتشار فراخوان، تعیین سهمیه مناطق و اعطای موافقت اصولی و پروانه بهره‌برداری؛\n"
            "ت) مجاز کردن دفاتر به ارائه خدمات هر حوزه؛\n"
            "ث) رسیدگی به شکایات و اعمال اقدامات انضباطی؛\n"
            "ج) تصویب دستورالعمل‌های اجرایی این آیین‌نامه.\n"
            "هیچ تعرفه، مجوز، اجازه ارائه خدمت یا اقدام انضباطی جز به‌موجب مصوبه کمیته راهبری "
            "نافذ نیست."
        ),
        "text_en": (
            "The duties and powers of the steering committee are:\n"
            "(a) setting the policies governing the offices;\n"
            "(b) setting the tariffs of the services delivered in the offices and the offices' "
            "share of them, within the resolutions of the Islamic City Council of Tehran;\n"
            "(c) publishing calls, setting district quotas and granting agreements in principle "
            "and operating licences;\n"
            "(d) authorising offices to deliver the services of each domain;\n"
            "(e) ruling on complaints and imposing disciplinary measures;\n"
            "(f) adopting the executive instructions of this bylaw.\n"
            "No tariff, licence, service authorisation or disciplinary measure has effect except "
            "through a decision of the steering committee."
        ),
        "notes": [],
    },
    {
        "number": 5,
        "title_fa": "جلسات، حد نصاب و مصوبات",
        "title_en": "Meetings, quorum and decisions",
        "text_fa": (
            "جلسات کمیته راهبری دست‌کم ماهی یک بار تشکیل می‌شود و با حضور دست‌کم دو عضو رسمیت "
            "می‌یابد. مصوبات کمیته با رأی موافق اکثریت اعضای حاضر، که در هر حال نباید کمتر از دو "
            "رأی باشد، اتخاذ می‌شود."
        ),
        "text_en": (
            "The steering committee meets at least once a month; a meeting is quorate when at "
            "least two members are present. Decisions are taken by the yes votes of a majority of "
            "the members present, which may in no case be fewer than two votes."
        ),
        "notes": [
            {
                "text_fa": (
                    "هر مصوبه دارای شماره ترتیبی و تاریخ است، مواد مستند این آیین‌نامه را ذکر "
                    "می‌کند و رأی هر عضو در آن ثبت می‌شود."
                ),
                "text_en": (
                    "Every decision bears a sequential number and a date, states the articles of "
                    "this bylaw on which it rests and records each member's vote."
                ),
            },
            {
                "text_fa": (
                    "مصوبات کمیته ظرف هفت روز کاری از تاریخ تصویب در پایگاه اطلاع‌رسانی شهرداری "
                    "منتشر و به شورای اسلامی شهر تهران ارسال می‌شود."
                ),
                "text_en": (
                    "The committee's decisions are published on the municipality's website and "
                    "sent to the Islamic City Council of Tehran within seven working days of "
                    "their adoption."
                ),
            },
        ],
    },
    {
        "number": 6,
        "title_fa": "فراخوان عمومی و منع انحصار",
        "title_en": "Open public call; no monopoly",
        "text_fa": (
            "صدور مجوز فعالیت دفاتر صرفاً از طریق فراخوان عمومی و برگزاری آزمون انجام می‌شود. "
            "شهرداری موظف است فراخوان را همراه با سهمیه هر منطقه، شرایط و جدول زمانی، دست‌کم سی "
            "روز پیش از پایان مهلت ثبت‌نام در پایگاه اطلاع‌رسانی خود و دست‌کم یک روزنامه "
            "کثیرالانتشار منتشر کند. اعطای امتیاز انحصاری ارائه خدمات در هر منطقه به یک یا چند "
            "دفتر ممنوع است و هر مجوزی که خارج از فرایند این فصل صادر شود، فاقد اعتبار است."
        ),
        "text_en": (
            "Licences to operate offices are issued only through an open public call and an "
            "examination. The municipality must publish the call, with each district's quota, the "
            "conditions and the timetable, on its website and in at least one national newspaper "
            "at least thirty days before the registration deadline. Granting one or more offices "
            "an exclusive right to deliver services in a district is prohibited, and any licence "
            "issued outside the procedure of this chapter is void."
        ),
        "notes": [],
    },
    {
        "number": 8,
        "title_fa": "شرایط متقاضی",
        "title_en": "Applicant eligibility",
        "text_fa": (
            "متقاضی دریافت مجوز دفتر باید دارای شرایط زیر باشد:\n"
            "الف) تابعیت جمهوری اسلامی ایران؛\n"
            "ب) سن دست‌کم ۲۷ و حداکثر ۵۵ سال در تاریخ انتشار فراخوان؛\n"
            "پ) دارا بودن دست‌کم مدرک کارشناسی در یکی از رشته‌های مرتبط که فهرست آن در فراخوان "
            "اعلام می‌شود؛\n"
            "ت) نداشتن سابقه محکومیت کیفری مؤثر؛\n"
            "ث) انجام خدمت وظیفه عمومی یا داشتن معافیت قانونی، برای متقاضیان مرد؛\n"
            "ج) معرفی یک مدیر فنی واجد شرایط ماده (۹)."
        ),
        "text_en": (
            "An applicant for an office licence must:\n"
            "(a) be a citizen of the Islamic Republic of Iran;\n"
            "(b) be at least 27 and at most 55 years old on the date the call is published;\n"
            "(c) hold at least a bachelor's degree in one of the relevant fields listed in the "
            "call;\n"
            "(d) have no effective criminal conviction;\n"
            "(e) for male applicants, have completed public military service or hold a legal "
            "exemption;\n"
            "(f) name a technical manager who meets the conditions of Article 9."
        ),
        "notes": [
            {
                "text_fa": (
                    "در صورتی که متقاضی شخص حقوقی باشد، شرایط بندهای (الف) تا (ث) در مورد "
                    "مدیرعامل آن احراز می‌شود."
                ),
                "text_en": (
                    "Where the applicant is a legal entity, conditions (a) to (e) are verified "
                    "for its chief executive."
                ),
            },
            {
                "text_fa": "هر شخص حقیقی یا حقوقی تنها می‌تواند دارنده پروانه یک دفتر باشد.",
                "text_en": "A natural or legal person may hold the licence of one office only.",
            },
        ],
    },
    {
        "number": 12,
        "title_fa": "انتقال و جابه‌جایی",
        "title_en": "Transfer and relocation",
        "text_fa": (
            "انتقال پروانه بهره‌برداری به غیر، تغییر دارنده پروانه و جابه‌جایی محل دفتر تنها با "
            "مصوبه کمیته راهبری مجاز است. جابه‌جایی دفتر به منطقه‌ای دیگر در صورتی مجاز است که "
            "سهمیه منطقه مقصد تکمیل نشده باشد."
        ),
        "text_en": (
            "Transferring an operating licence to another person, changing the licensee and "
            "relocating an office are permitted only by decision of the steering committee. "
            "Relocation to another district is permitted only if the destination district's quota "
            "has not been filled."
        ),
        "notes": [],
    },
    {
        "number": 14,
        "title_fa": "استانداردهای خدمت، ساعات کار و اعلام تعرفه",
        "title_en": "Service standards, hours and display of tariffs",
        "text_fa": (
            "دفاتر موظف‌اند خدمات را مطابق استانداردهای ابلاغی کمیته راهبری، با رعایت نوبت و "
            "احترام به شهروندان ارائه کنند. ساعات کار دفاتر از ساعت ۸ تا ۱۶ در روزهای شنبه تا "
            "چهارشنبه و از ساعت ۸ تا ۱۲ در روز پنجشنبه است. فهرست خدمات مجاز دفتر و تعرفه هر خدمت "
            "باید در محل دفتر در معرض دید شهروندان نصب شود و دریافت هر وجهی مازاد بر تعرفه مصوب "
            "ممنوع است."
        ),
        "text_en": (
            "Offices must deliver services according to the standards issued by the steering "
            "committee, serving citizens in turn and with courtesy. Office hours are 8:00 to "
            "16:00 from Saturday to Wednesday and 8:00 to 12:00 on Thursday. The list of services "
            "the office is authorised to deliver and the tariff of each service must be displayed "
            "where citizens can see them, and charging any amount beyond the approved tariff is "
            "prohibited."
        ),
        "notes": [],
    },
    {
        "number": 18,
        "title_fa": "حفاظت از اطلاعات شهروندان",
        "title_en": "Protection of citizens' data",
        "text_fa": (
            "دفاتر و کارکنان آن‌ها موظف‌اند اطلاعات و مدارک شهروندان را محرمانه نگه دارند و تنها "
            "برای انجام خدمت درخواستی از آن استفاده کنند. نگهداری نسخه کاغذی یا الکترونیکی مدارک "
            "شهروندان پس از ثبت در سامانه، افشای اطلاعات به اشخاص ثالث و استفاده از حساب کاربری "
            "دیگران ممنوع است. دسترسی هر کارمند به اطلاعات، محدود به پرونده‌های همان دفتر است و "
            "تمامی دسترسی‌ها در سامانه ثبت می‌شود."
        ),
        "text_en": (
            "Offices and their staff must keep citizens' information and documents confidential "
            "and use them only to deliver the service requested. Keeping paper or electronic "
            "copies of citizens' documents after they are recorded in the system, disclosing "
            "information to third parties and using another person's user account are prohibited. "
            "Each employee's access to information is limited to the files of their own office, "
            "and all access is logged in the system."
        ),
        "notes": [],
    },
    {
        "number": 20,
        "title_fa": "ارائه خدمات الکترونیک و فهرست واحد خدمات",
        "title_en": "Provision of electronic services and the single catalogue",
        "text_fa": (
            "شهرداری موظف است خدمات قابل ارائه به شهروندان را به‌صورت الکترونیک فراهم کند و فهرست "
            "واحد خدمات را با ذکر عنوان، مدارک لازم، تعرفه، مهلت رسیدگی و مجاری ارائه هر خدمت در "
            "مرکز تحول نگهداری و منتشر کند. ارائه هر خدمت در دفاتر منوط به درج آن در فهرست واحد "
            "خدمات است. شهرداری همچنین موظف است امکان ثبت درخواست، پرداخت و پیگیری پرونده را "
            "به‌صورت غیرحضوری از طریق پایگاه اینترنتی و سامانه‌های شهری از جمله «تهران من» فراهم "
            "کند."
        ),
        "text_en": (
            "The municipality must make the services it offers citizens available electronically "
            "and must keep and publish, at the Transformation Center, the single catalogue of "
            "services stating the title, required documents, tariff, processing time and delivery "
            "channels of each service. A service may be delivered in the offices only if it is "
            "listed in the single catalogue. The municipality must also enable citizens to submit "
            "requests, pay and track files remotely through its website and the city apps, "
            "including “Tehran-e Man”."
        ),
        "notes": [
            {
                "text_fa": (
                    "واحدهای شهرداری مجاز نیستند برای خدمتی که در فهرست واحد خدمات به‌صورت "
                    "غیرحضوری تعریف شده است، حضور شهروند را مطالبه کنند."
                ),
                "text_en": (
                    "Municipal units may not require a citizen to attend in person for a service "
                    "that the single catalogue defines as remote."
                ),
            },
            {
                "text_fa": (
                    "اتصال سامانه‌های اشخاص ثالث به خدمات شهرداری تنها از طریق رابط‌های "
                    "برنامه‌نویسی استاندارد و با مجوز کمیته راهبری مجاز است."
                ),
                "text_en": (
                    "Third-party systems may connect to municipal services only through standard "
                    "programming interfaces and with the steering committee's permission."
                ),
            },
        ],
    },
    {
        "number": 21,
        "title_fa": "مهلت رسیدگی و کد رهگیری",
        "title_en": "Processing times and tracking codes",
        "text_fa": (
            "برای هر درخواست، هنگام ثبت، پرونده‌ای با کد رهگیری یکتا تشکیل می‌شود. واحدهای "
            "شهرداری موظف‌اند پرونده‌ها را در مهلت مقرر در فهرست واحد خدمات رسیدگی کنند؛ هر تغییر "
            "وضعیت پرونده با ذکر دلیل در سامانه ثبت و از طریق پیامک به اطلاع شهروند می‌رسد و "
            "پرونده‌هایی که از مهلت مقرر بگذرند، به‌طور خودکار به مقام مافوق واحد رسیدگی‌کننده "
            "ارجاع می‌شوند."
        ),
        "text_en": (
            "When a request is submitted, a file with a unique tracking code is opened for it. "
            "Municipal units must process files within the time set in the single catalogue; "
            "every change in a file's status is recorded in the system with its reason and "
            "notified to the citizen by text message, and files that exceed the set time are "
            "automatically escalated to the superior of the processing unit."
        ),
        "notes": [],
    },
    {
        "number": 24,
        "title_fa": "نقش سازمان فاوا",
        "title_en": "Role of FAVA",
        "text_fa": (
            "سازمان فاوا موظف است زیرساخت سخت‌افزاری، نرم‌افزاری و ارتباطی دفاتر و سامانه‌های "
            "شهری مرتبط از جمله «تهران من»، «شهرزاد» و «شهریار» را به‌صورت برخط و پایدار نگه "
            "دارد، وضعیت پایانه‌ها و خدمات را به‌طور مستمر پایش کند، امنیت اطلاعات را تأمین کند و "
            "گزارش دسترس‌پذیری هر دفتر را ماهانه به کمیته راهبری ارائه کند."
        ),
        "text_en": (
            "The FAVA organisation must keep the hardware, software and network infrastructure of "
            "the offices and of the related city systems, including “Tehran-e Man”, “Shahrzad” "
            "and “Shahriar”, online and stable, continuously monitor the state of terminals and "
            "services, ensure information security and report each office's availability to the "
            "steering committee every month."
        ),
        "notes": [
            {
                "text_fa": (
                    "اداره دفاتر، صدور مجوز و اعمال اقدامات انضباطی در صلاحیت سازمان فاوا نیست و "
                    "این سازمان تنها نظارت فنی بر زیرساخت دفاتر را بر عهده دارد."
                ),
                "text_en": (
                    "Running the offices, licensing and disciplinary measures are not within "
                    "FAVA's competence; it is responsible only for the technical supervision of "
                    "the offices' infrastructure."
                ),
            },
            {
                "text_fa": (
                    "سازمان فاوا موظف است سوابق تراکنش‌ها و تغییرات پرونده‌ها را به‌گونه‌ای "
                    "نگهداری کند که هرگونه تغییر یا حذف بعدی قابل کشف باشد."
                ),
                "text_en": (
                    "FAVA must keep the records of transactions and of changes to files in such a "
                    "way that any later alteration or deletion can be detected."
                ),
            },
        ],
    },
    {
        "number": 25,
        "title_fa": "نظارت شورا",
        "title_en": "Supervision by the council",
        "text_fa": (
            "شورای اسلامی شهر تهران بر اجرای این آیین‌نامه و عملکرد دفاتر نظارت مستقیم دارد. "
            "شهرداری موظف است گزارش عملکرد دفاتر شامل حجم خدمات به تفکیک حوزه و منطقه، رعایت "
            "مهلت‌های رسیدگی، رضایت شهروندان، وجوه دریافتی و واریزی و اقدامات انضباطی را هر سه "
            "ماه یک بار به شورا ارائه کند. اعضای شورا به تمامی اطلاعات سامانه دسترسی فقط‌خواندنی "
            "دارند و کمیسیون‌های شورا می‌توانند بدون اطلاع قبلی از دفاتر بازدید کنند."
        ),
        "text_en": (
            "The Islamic City Council of Tehran directly supervises the implementation of this "
            "bylaw and the performance of the offices. The municipality must submit to the "
            "council every three months a report on the offices' performance covering the volume "
            "of services by domain and district, compliance with processing times, citizens' "
            "satisfaction, funds collected and deposited, and disciplinary measures. Council "
            "members have read-only access to all information in the system, and the council's "
            "commissions may visit offices without prior notice."
        ),
        "notes": [],
    },
    {
        "number": 27,
        "title_fa": "رتبه‌بندی دفاتر",
        "title_en": "Grading of offices",
        "text_fa": (
            "عملکرد دفاتر هر شش ماه یک بار بر اساس شاخص‌های رعایت مهلت رسیدگی، رضایت شهروندان، "
            "تعداد شکایات واردشده و نتایج بازرسی ارزیابی و رتبه‌بندی می‌شود. روش محاسبه و وزن هر "
            "شاخص توسط کمیته راهبری تعیین می‌شود و نتایج رتبه‌بندی در پایگاه اطلاع‌رسانی شهرداری "
            "منتشر می‌شود."
        ),
        "text_en": (
            "The offices' performance is assessed and graded every six months on the indicators "
            "of compliance with processing times, citizens' satisfaction, the number of "
            "complaints received and inspection results. The method of computation and the weight "
            "of each indicator are set by the steering committee, and the grades are published on "
            "the municipality's website."
        ),
        "notes": [],
    },
    {
        "number": 28,
        "title_fa": "رسیدگی به شکایات",
        "title_en": "Complaints",
        "text_fa": (
            "شهروندان می‌توانند شکایت خود از عملکرد دفاتر را به‌صورت حضوری یا غیرحضوری ثبت کنند. "
            "دبیرخانه کمیته موظف است ظرف ده روز کاری شکایت را بررسی کند، پاسخ دفتر را دریافت کند "
            "و گزارش آن را برای صدور رأی به کمیته راهبری ارائه کند. رأی کمیته به شاکی و دفتر "
            "ابلاغ می‌شود و در صورت احراز دریافت وجه مازاد بر تعرفه، دفتر موظف به استرداد آن به "
            "شاکی است."
        ),
        "text_en": (
            "Citizens may lodge complaints about an office's conduct in person or remotely. The "
            "committee's secretariat must examine the complaint, obtain the office's response "
            "within ten working days and report to the steering committee for a ruling. The "
            "committee's ruling is served on the complainant and the office, and where it is "
            "established that more than the tariff was charged, the office must refund the excess "
            "to the complainant."
        ),
        "notes": [],
    },
    {
        "number": 31,
        "title_fa": "اقدامات انضباطی",
        "title_en": "Disciplinary measures",
        "text_fa": (
            "در صورت تخلف دفتر از مقررات این آیین‌نامه، کمیته راهبری متناسب با شدت و تکرار تخلف، "
            "اقدامات زیر را به ترتیب اعمال می‌کند:\n"
            "الف) تذکر کتبی و درج در سوابق دفتر؛\n"
            "ب) تعلیق فعالیت دفتر از یک تا سه ماه یا تعلیق مجوز ارائه خدمات یک یا چند حوزه؛\n"
            "پ) لغو پروانه بهره‌برداری."
        ),
        "text_en": (
            "Where an office violates this bylaw, the steering committee imposes the following "
            "measures in order, in proportion to the seriousness and recurrence of the violation:\n"
            "(a) a written warning recorded in the office's file;\n"
            "(b) suspension of the office's activity for one to three months, or suspension of "
            "its authorisation for one or more service domains;\n"
            "(c) revocation of the operating licence."
        ),
        "notes": [
            {
                "text_fa": (
                    "در تخلفات عمده از جمله نگهداری وجه نقد، دریافت مکرر وجه مازاد بر تعرفه یا "
                    "افشای اطلاعات شهروندان، کمیته می‌تواند بدون رعایت ترتیب این ماده، اقدام "
                    "شدیدتر را اعمال کند."
                ),
                "text_en": (
                    "For serious violations, including keeping cash, repeatedly charging more "
                    "than the tariff or disclosing citizens' information, the committee may "
                    "impose a more severe measure without following the order of this article."
                ),
            },
            {
                "text_fa": (
                    "در مدت تعلیق، پرونده‌های در جریان دفتر به دفتر دیگری در همان منطقه که "
                    "دبیرخانه کمیته تعیین می‌کند، منتقل می‌شود."
                ),
                "text_en": (
                    "During a suspension, the office's pending files are transferred to another "
                    "office in the same district designated by the committee's secretariat."
                ),
            },
        ],
    },
    {
        "number": 32,
        "title_fa": "تجدیدنظر",
        "title_en": "Appeal",
        "text_fa": (
            "دفتر می‌تواند ظرف بیست روز از تاریخ ابلاغ مصوبه انضباطی، درخواست تجدیدنظر خود را به "
            "دبیرخانه کمیته ارائه کند. کمیته راهبری ظرف یک ماه و با حضور هر سه عضو به درخواست "
            "رسیدگی می‌کند. درخواست تجدیدنظر مانع اجرای تذکر و تعلیق نیست، اما اجرای لغو پروانه "
            "تا صدور رأی تجدیدنظر متوقف می‌شود. دفتر می‌تواند پس از رأی تجدیدنظر به مراجع صالح "
            "قضایی مراجعه کند."
        ),
        "text_en": (
            "An office may lodge an appeal with the committee's secretariat within twenty days of "
            "being served a disciplinary decision. The steering committee decides the appeal "
            "within one month with all three members present. An appeal does not stay a warning "
            "or a suspension, but a revocation is not enforced until the appeal is decided. After "
            "the appeal ruling the office may apply to the competent judicial authorities."
        ),
        "notes": [],
    },
    {
        "number": 33,
        "title_fa": "استناد و نگهداری سوابق",
        "title_en": "Reliance and records",
        "text_fa": (
            "این آیین‌نامه و مصوبات کمیته راهبری که به استناد آن صادر می‌شود، برای دستگاه‌های "
            "نظارتی و مراجع قضایی قابل استناد است. شهرداری موظف است متن این آیین‌نامه، مصوبات "
            "کمیته و سوابق اجرای آن‌ها را به‌گونه‌ای نگهداری کند که صحت و تمامیت آن‌ها برای مراجع "
            "یادشده قابل احراز باشد."
        ),
        "text_en": (
            "This bylaw and the steering committee's decisions made under it may be relied on by "
            "supervisory bodies and judicial authorities. The municipality must keep the text of "
            "this bylaw, the committee's decisions and the records of their implementation in "
            "such a way that those authorities can verify their correctness and integrity."
        ),
        "notes": [],
    },
]

# The Urban Planning and Architecture commission's own articles: changed or only there.
_URBAN_PLANNING_ARTICLES = [
    {
        "number": 2,
        "title_fa": "تعاریف",
        "title_en": "Definitions",
        "text_fa": (
            "در این آیین‌نامه، اصطلاحات زیر در معانی مشروح مربوط به کار می‌روند:\n"
            "الف) شهرداری: شهرداری تهران؛\n"
            "ب) دفتر: دفتر خدمات الکترونیک شهر که به‌موجب پروانه بهره‌برداری صادرشده طبق این "
            "آیین‌نامه، درخواست‌های شهروندان برای دریافت خدمات شهرداری را به نمایندگی از شهرداری "
            "پذیرش می‌کند؛\n"
            "پ) دارنده پروانه: شخص حقیقی یا حقوقی که پروانه بهره‌برداری دفتر به نام او صادر شده و "
            "در برابر شهرداری مسئول اداره دفتر است؛\n"
            "ت) مدیر فنی: شخص حقیقی واجد شرایط ماده (۹) که مسئولیت صحت فنی پرونده‌ها و نظارت بر "
            "کار کارکنان دفتر را بر عهده دارد؛\n"
            "ث) سازمان فاوا: سازمان فناوری اطلاعات و ارتباطات شهرداری تهران؛\n"
            "ج) کمیته راهبری: کمیته موضوع ماده (۳) این آیین‌نامه؛\n"
            "چ) حساب واحد خزانه: حساب متمرکز شهرداری نزد بانک عامل که تمامی وجوه دریافتی از "
            "شهروندان در دفاتر و درگاه‌های پرداخت الکترونیکی به آن واریز می‌شود؛\n"
            "ح) فهرست واحد خدمات: فهرست رسمی خدمات الکترونیک شهرداری که در مرکز تحول شهرداری "
            "نگهداری می‌شود؛\n"
            "خ) پرونده: مجموعه درخواست، مدارک، پرداخت‌ها و سوابق رسیدگی مربوط به یک خدمت؛\n"
            "د) کد رهگیری: شناسه یکتای هر پرونده که هنگام ثبت درخواست صادر می‌شود و شهروند با آن "
            "وضعیت پرونده را پیگیری می‌کند؛\n"
            "ذ) خدمات شهرسازی و معماری: خدمات مربوط به تشکیل پرونده پروانه ساختمانی، گواهی "
            "پایان‌کار، گواهی عدم خلاف، رسیدگی به ساخت‌وساز غیرمجاز و امور مهندسان ناظر."
        ),
        "text_en": (
            "In this bylaw the following terms have the meanings given below:\n"
            "(a) Municipality: Tehran Municipality;\n"
            "(b) Office: an electronic city-services office that, under an operating licence "
            "issued in accordance with this bylaw, accepts citizens' requests for municipal "
            "services on the municipality's behalf;\n"
            "(c) Licensee: the natural or legal person in whose name the office's operating "
            "licence is issued and who is answerable to the municipality for running the office;\n"
            "(d) Technical manager: a natural person meeting the conditions of Article 9 who is "
            "responsible for the technical correctness of files and for supervising the work of "
            "the office's staff;\n"
            "(e) FAVA: the Information and Communication Technology Organisation of Tehran "
            "Municipality;\n"
            "(f) Steering committee: the committee established under Article 3 of this bylaw;\n"
            "(g) Single treasury account: the municipality's central account with its designated "
            "bank, into which all funds collected from citizens in the offices and through "
            "electronic payment gateways are deposited;\n"
            "(h) Single catalogue of services: the official list of the municipality's electronic "
            "services, kept at the municipality's Transformation Center;\n"
            "(i) File: the request, documents, payments and processing record relating to one "
            "service;\n"
            "(j) Tracking code: the unique identifier of a file, issued when the request is "
            "submitted, by which the citizen follows the file's status;\n"
            "(k) Urban-planning and architecture services: the services concerning "
            "building-permit files, completion certificates, no-violation certificates, the "
            "review of unauthorised construction and the affairs of supervising engineers."
        ),
        "notes": [],
    },
    {
        "number": 7,
        "title_fa": "سهمیه مناطق",
        "title_en": "District quotas",
        "text_fa": (
            "کمیته راهبری موظف است پیش از انتشار هر فراخوان، سهمیه دفاتر هر یک از مناطق "
            "بیست‌ودوگانه را بر اساس جمعیت منطقه، تعداد دفاتر فعال و حجم پرونده‌های شهرسازی و "
            "معماری منطقه در سال گذشته تعیین کند."
        ),
        "text_en": (
            "Before publishing any call, the steering committee must set the quota of offices for "
            "each of the 22 districts on the basis of the district's population, the number of "
            "active offices and the volume of urban-planning and architecture files in the "
            "district in the previous year."
        ),
        "notes": [
            {
                "text_fa": (
                    "سهمیه هر منطقه باید به‌گونه‌ای تعیین شود که به ازای هر یکصد هزار نفر جمعیت، "
                    "دست‌کم یک دفتر فعال باشد."
                ),
                "text_en": (
                    "Each district's quota must be set so that there is at least one active "
                    "office for every one hundred thousand residents."
                ),
            },
        ],
    },
    {
        "number": 9,
        "title_fa": "مدیر فنی",
        "title_en": "Technical manager",
        "text_fa": (
            "هر دفتر موظف است یک مدیر فنی تمام‌وقت داشته باشد که دارای شرایط زیر باشد:\n"
            "الف) سن دست‌کم ۲۵ و حداکثر ۵۵ سال؛\n"
            "ب) دارا بودن دست‌کم مدرک کارشناسی در یکی از رشته‌های شهرسازی، معماری، مهندسی عمران "
            "یا مهندسی نقشه‌برداری؛\n"
            "پ) دست‌کم دو سال سابقه کار مرتبط با پرونده‌های شهرسازی یا نظارت بر ساخت‌وساز؛\n"
            "ت) قبولی در آزمون صلاحیت فنی که زیر نظر معاونت شهرسازی و معماری برگزار می‌شود.\n"
            "مدیر فنی مسئول صحت فنی مدارک و نقشه‌های پرونده‌های شهرسازی پیش از ارسال آن‌ها به "
            "شهرداری است."
        ),
        "text_en": (
            "Every office must have a full-time technical manager who:\n"
            "(a) is at least 25 and at most 55 years old;\n"
            "(b) holds at least a bachelor's degree in urban planning, architecture, civil "
            "engineering or surveying engineering;\n"
            "(c) has at least two years' work experience with urban-planning files or the "
            "supervision of construction;\n"
            "(d) has passed the technical competence examination held under the supervision of "
            "the deputy office for urban planning and architecture.\n"
            "The technical manager is responsible for the technical correctness of the documents "
            "and drawings of urban-planning files before they are sent to the municipality."
        ),
        "notes": [
            {
                "text_fa": (
                    "مدیر فنی نمی‌تواند هم‌زمان مدیر فنی دفتر دیگر یا مهندس ناظر پروژه‌های "
                    "ساختمانی در همان منطقه باشد."
                ),
                "text_en": (
                    "The technical manager may not at the same time be the technical manager of "
                    "another office or a supervising engineer of building projects in the same "
                    "district."
                ),
            },
            {
                "text_fa": (
                    "تغییر مدیر فنی باید ظرف پانزده روز به دبیرخانه کمیته اعلام شود و دفتر تا "
                    "معرفی جانشین واجد شرایط، مجاز به پذیرش پرونده‌های شهرسازی نیست."
                ),
                "text_en": (
                    "A change of technical manager must be notified to the committee's "
                    "secretariat within fifteen days, and until a qualified successor is named "
                    "the office may not accept urban-planning files."
                ),
            },
        ],
    },
    {
        "number": 10,
        "title_fa": "آزمون، امتیازها و اعلام نتایج",
        "title_en": "Examination, points and results",
        "text_fa": (
            "متقاضیان واجد شرایط در آزمون کتبی که زیر نظر کمیته راهبری برگزار می‌شود، شرکت "
            "می‌کنند. امتیاز نهایی هر متقاضی از جمع نمره آزمون، امتیاز مدرک تحصیلی بالاتر از "
            "کارشناسی و امتیاز سابقه کار مرتبط، بر اساس جدولی که همراه فراخوان منتشر می‌شود، "
            "محاسبه می‌شود. فهرست رتبه‌بندی متقاضیان هر منطقه با کد متقاضی منتشر می‌شود و "
            "متقاضیان می‌توانند ظرف ده روز از تاریخ انتشار به دبیرخانه کمیته اعتراض کنند. کمیته "
            "ظرف پانزده روز به اعتراضات رسیدگی و فهرست نهایی را منتشر می‌کند."
        ),
        "text_en": (
            "Eligible applicants sit a written examination held under the supervision of the "
            "steering committee. Each applicant's final score is the sum of the exam mark, the "
            "points for a degree above the bachelor's and the points for relevant work "
            "experience, computed according to a table published with the call. The ranking of "
            "each district's applicants is published by applicant code, and applicants may object "
            "to the committee's secretariat within ten days of its publication. The committee "
            "decides the objections within fifteen days and publishes the final list."
        ),
        "notes": [
            {
                "text_fa": (
                    "در صورت برابری امتیاز نهایی، متقاضی دارای نمره آزمون بالاتر و سپس متقاضی "
                    "دارای سابقه کار بیشتر مقدم است."
                ),
                "text_en": (
                    "Where final scores are equal, the applicant with the higher exam mark ranks "
                    "first, and then the applicant with the longer experience."
                ),
            },
            {
                "text_fa": (
                    "نمرات آزمون و امتیازهای همه متقاضیان، بدون ذکر هویت آنان، به‌گونه‌ای منتشر "
                    "می‌شود که محاسبه رتبه‌بندی توسط هر شخص قابل تکرار باشد."
                ),
                "text_en": (
                    "The exam marks and points of all applicants are published, without their "
                    "identities, so that anyone can repeat the ranking computation."
                ),
            },
            {
                "text_fa": (
                    "دارندگان پروانه اشتغال به کار معتبر از سازمان نظام مهندسی ساختمان در "
                    "رشته‌های موضوع ماده (۹)، امتیاز تشویقی مندرج در جدول فراخوان را دریافت "
                    "می‌کنند."
                ),
                "text_en": (
                    "Holders of a valid professional licence from the Construction Engineering "
                    "Organisation in the fields named in Article 9 receive the bonus points set "
                    "in the call's table."
                ),
            },
        ],
    },
    {
        "number": 11,
        "title_fa": "موافقت اصولی و پروانه بهره‌برداری",
        "title_en": "Agreement in principle and operating licence",
        "text_fa": (
            "به پذیرفته‌شدگان فهرست نهایی، به ترتیب رتبه و در حدود سهمیه هر منطقه، به‌موجب مصوبه "
            "کمیته راهبری موافقت اصولی اعطا می‌شود. دارنده موافقت اصولی موظف است ظرف شش ماه محل "
            "دفتر، تجهیزات و کارکنان را مطابق این آیین‌نامه آماده کند تا پس از تأیید، پروانه "
            "بهره‌برداری به مدت پنج سال برای او صادر شود. تمدید پروانه منوط به کسب رتبه قابل قبول "
            "در ارزیابی‌های دوره‌ای موضوع ماده (۲۷) است."
        ),
        "text_en": (
            "Successful applicants on the final list are granted an agreement in principle by "
            "decision of the steering committee, in order of rank and within each district's "
            "quota. The holder of an agreement in principle must prepare the office premises, "
            "equipment and staff in accordance with this bylaw within six months so that, after "
            "approval, an operating licence is issued to them for five years. Renewal of the "
            "licence depends on an acceptable grade in the periodic assessments under Article 27."
        ),
        "notes": [
            {
                "text_fa": (
                    "در صورت آماده نشدن دفتر در مهلت مقرر، موافقت اصولی لغو و به متقاضی بعدی همان "
                    "منطقه اعطا می‌شود."
                ),
                "text_en": (
                    "If the office is not ready within the time limit, the agreement in principle "
                    "is cancelled and granted to the next applicant in the same district."
                ),
            },
        ],
    },
    {
        "number": 13,
        "title_fa": "ضوابط محل استقرار دفتر",
        "title_en": "Requirements for office premises",
        "text_fa": (
            "محل استقرار دفتر باید دارای شرایط زیر باشد:\n"
            "الف) زیربنای مفید دست‌کم شصت متر مربع با فضای انتظار مناسب برای شهروندان؛\n"
            "ب) دسترسی مناسب برای افراد دارای معلولیت و سالمندان، ترجیحاً در طبقه همکف؛\n"
            "پ) کاربری مجاز اداری یا تجاری مطابق طرح تفصیلی و داشتن گواهی پایان‌کار؛\n"
            "ت) واقع بودن در محدوده منطقه‌ای که پروانه برای آن صادر شده است."
        ),
        "text_en": (
            "The office premises must:\n"
            "(a) have a usable floor area of at least sixty square metres with a suitable waiting "
            "area for citizens;\n"
            "(b) be accessible to people with disabilities and to the elderly, preferably on the "
            "ground floor;\n"
            "(c) have a permitted office or commercial land use under the detailed plan and a "
            "completion certificate;\n"
            "(d) lie within the district for which the licence was issued."
        ),
        "notes": [
            {
                "text_fa": (
                    "انطباق محل دفتر با این ماده پس از بازدید کارشناس معاونت شهرسازی و معماری "
                    "منطقه تأیید می‌شود."
                ),
                "text_en": (
                    "The premises' compliance with this article is confirmed after a visit by an "
                    "expert of the district's urban planning and architecture deputy office."
                ),
            },
        ],
    },
    {
        "number": 15,
        "title_fa": "آموزش و گواهی صلاحیت کارکنان",
        "title_en": "Staff training and certification",
        "text_fa": (
            "کارکنان دفتر تنها پس از گذراندن دوره‌های آموزشی و کسب گواهی صلاحیت در هر حوزه خدمتی، "
            "مجاز به ارائه خدمات آن حوزه هستند. دفتر در صورتی مجاز به ارائه خدمات یک حوزه است که "
            "دست‌کم یکی از کارکنان آن دارای گواهی معتبر همان حوزه باشد و کمیته راهبری ارائه خدمات "
            "آن حوزه را برای دفتر مجاز کرده باشد."
        ),
        "text_en": (
            "Office staff may deliver the services of a service domain only after completing the "
            "training courses and obtaining a certificate of competence in that domain. An office "
            "may deliver the services of a domain only if at least one of its staff holds a valid "
            "certificate for that domain and the steering committee has authorised the office to "
            "deliver that domain's services."
        ),
        "notes": [
            {
                "text_fa": (
                    "دوره‌های آموزشی هر حوزه توسط معاونت ذی‌ربط شهرداری طراحی و برگزار می‌شود."
                ),
                "text_en": (
                    "The training courses of each domain are designed and run by the municipal "
                    "deputy office responsible for it."
                ),
            },
            {
                "text_fa": (
                    "گواهی صلاحیت حوزه شهرسازی و معماری دو سال اعتبار دارد و تمدید آن منوط به "
                    "قبولی در آزمون بازآموزی است."
                ),
                "text_en": (
                    "The certificate for the urban planning and architecture domain is valid for "
                    "two years; its renewal requires passing a refresher examination."
                ),
            },
        ],
    },
    {
        "number": 16,
        "title_fa": "وجوه دریافتی و حساب واحد خزانه",
        "title_en": "Funds collected and the single treasury account",
        "text_fa": (
            "تمامی وجوه دریافتی از شهروندان در دفاتر باید به حساب واحد خزانه شهرداری واریز شود. "
            "نگهداری وجه نقد در دفتر ممنوع است."
        ),
        "text_en": (
            "All funds collected from citizens in the offices must be deposited to the "
            "municipality's single treasury account. Keeping cash in an office is prohibited."
        ),
        "notes": [],
    },
    {
        "number": 17,
        "title_fa": "تسویه سهم دفتر",
        "title_en": "Settlement of the office fee share",
        "text_fa": (
            "سهم هر دفتر از تعرفه خدمات ارائه‌شده، به‌صورت دوره‌ای و دست‌کم هر پانزده روز یک بار، "
            "بر اساس صورت‌حساب صادرشده از سامانه و از محل حساب واحد خزانه به حساب معرفی‌شده "
            "دارنده پروانه پرداخت می‌شود. کسر سهم دفتر از وجوه دریافتی پیش از واریز به حساب واحد "
            "خزانه ممنوع است."
        ),
        "text_en": (
            "Each office's share of the tariffs of the services it delivered is paid "
            "periodically, at least once every fifteen days, on the basis of the statement issued "
            "by the system, from the single treasury account to the account named by the "
            "licensee. Deducting the office's share from collections before they are deposited to "
            "the single treasury account is prohibited."
        ),
        "notes": [
            {
                "text_fa": (
                    "اعتراض دفتر به صورت‌حساب تسویه ظرف ده روز از تاریخ صدور آن به واحد "
                    "خزانه‌داری شهرداری ارائه می‌شود."
                ),
                "text_en": (
                    "An office's objection to a settlement statement is lodged with the "
                    "municipality's treasury unit within ten days of the statement's issue."
                ),
            },
        ],
    },
    {
        "number": 22,
        "title_fa": "خدمات شهرسازی و معماری",
        "title_en": "Urban-planning and architecture services",
        "text_fa": (
            "معاونت شهرسازی و معماری موظف است خدمات تشکیل پرونده پروانه ساختمانی، صدور گواهی "
            "پایان‌کار و گواهی عدم خلاف، رسیدگی به ساخت‌وساز غیرمجاز و امور مربوط به مهندسان ناظر "
            "را از طریق دفاتر ارائه کند. بازدید میدانی پرونده‌های ارسالی از دفاتر باید ظرف ده روز "
            "کاری از تاریخ تکمیل مدارک انجام شود."
        ),
        "text_en": (
            "The deputy office for urban planning and architecture must deliver through the "
            "offices the services of opening building-permit files, issuing completion "
            "certificates and no-violation certificates, reviewing unauthorised construction and "
            "the matters concerning supervising engineers. Field visits for files sent from the "
            "offices must take place within ten working days of the documents being completed."
        ),
        "notes": [
            {
                "text_fa": (
                    "نقشه‌ها و مدارک فنی پرونده‌های شهرسازی پیش از ارسال به شهرداری باید به تأیید "
                    "مدیر فنی دفتر برسد."
                ),
                "text_en": (
                    "The drawings and technical documents of urban-planning files must be "
                    "approved by the office's technical manager before they are sent to the "
                    "municipality."
                ),
            },
        ],
    },
    {
        "number": 26,
        "title_fa": "بازرسی",
        "title_en": "Inspection",
        "text_fa": (
            "معاونت شهرسازی و معماری با همکاری معاونت برنامه‌ریزی، توسعه سرمایه انسانی و امور "
            "شورا موظف است هر دفتر را دست‌کم دو بار در سال، بدون اطلاع قبلی و بر اساس فهرست وارسی "
            "مصوب کمیته راهبری که موارد فنی و رفتاری را در بر می‌گیرد، بازرسی کند. در هر بازرسی "
            "دست‌کم ده پرونده شهرسازی دفتر به‌صورت تصادفی از نظر صحت فنی بررسی می‌شود."
        ),
        "text_en": (
            "The deputy office for urban planning and architecture, in cooperation with the "
            "deputy office for planning, human-capital development and council affairs, must "
            "inspect each office at least twice a year, without prior notice, using a checklist "
            "approved by the steering committee that covers technical and conduct matters. In "
            "each inspection at least ten of the office's urban-planning files, chosen at random, "
            "are checked for technical correctness."
        ),
        "notes": [
            {
                "text_fa": (
                    "گزارش بازرسی باید ظرف هفت روز کاری به دفتر ابلاغ شود و دفتر می‌تواند ظرف ده "
                    "روز پاسخ کتبی خود را ارائه کند."
                ),
                "text_en": (
                    "The inspection report must be served on the office within seven working "
                    "days, and the office may submit a written response within ten days."
                ),
            },
            {
                "text_fa": (
                    "بازرس نمی‌تواند در دو نوبت متوالی، بازرسی یک دفتر را بر عهده داشته باشد."
                ),
                "text_en": "No inspector may inspect the same office in two consecutive rounds.",
            },
        ],
    },
    {
        "number": 30,
        "title_fa": "حسابرسی فنی پرونده‌های شهرسازی",
        "title_en": "Technical audit of urban-planning files",
        "text_fa": (
            "معاونت شهرسازی و معماری موظف است هر سال دست‌کم پنج درصد پرونده‌های شهرسازی ثبت‌شده "
            "در هر دفتر را حسابرسی فنی کند و نتایج آن را برای لحاظ در رتبه‌بندی دفتر به کمیته "
            "راهبری ارائه کند. در صورت احراز تخلف فنی، موضوع برای رسیدگی انضباطی به کمیته گزارش "
            "می‌شود."
        ),
        "text_en": (
            "The deputy office for urban planning and architecture must each year carry out a "
            "technical audit of at least five percent of the urban-planning files submitted at "
            "each office and report the results to the steering committee to be taken into "
            "account in the office's grade. Where a technical violation is established, the "
            "matter is reported to the committee for disciplinary action."
        ),
        "notes": [],
    },
    {
        "number": 34,
        "title_fa": "اجرا و لازم‌الاجرا شدن",
        "title_en": "Implementation and entry into force",
        "text_fa": (
            "این آیین‌نامه پس از تصویب شورای اسلامی شهر تهران و طی تشریفات قانونی، از تاریخ "
            "انتشار لازم‌الاجرا است. کمیته راهبری موظف است دستورالعمل‌های اجرایی این آیین‌نامه را "
            "ظرف سه ماه از تاریخ لازم‌الاجرا شدن آن تصویب کند."
        ),
        "text_en": (
            "This bylaw enters into force on its publication, after its approval by the Islamic "
            "City Council of Tehran and the completion of the legal formalities. The steering "
            "committee must adopt the executive instructions of this bylaw within three months of "
            "its entry into force."
        ),
        "notes": [
            {
                "text_fa": (
                    "دفاتری که پیش از لازم‌الاجرا شدن این آیین‌نامه فعال بوده‌اند، موظف‌اند ظرف "
                    "دوازده ماه شرایط این آیین‌نامه را احراز کنند و پروانه بهره‌برداری دریافت "
                    "کنند؛ در غیر این صورت فعالیت آن‌ها متوقف می‌شود."
                ),
                "text_en": (
                    "Offices that were active before this bylaw entered into force must meet its "
                    "conditions and obtain an operating licence within twelve months; otherwise "
                    "their activity is halted."
                ),
            },
            {
                "text_fa": (
                    "از تاریخ لازم‌الاجرا شدن این آیین‌نامه، تمامی مقررات و دستورالعمل‌های مغایر "
                    "با آن لغو می‌شود."
                ),
                "text_en": (
                    "From the date this bylaw enters into force, all rules and instructions that "
                    "conflict with it are repealed."
                ),
            },
        ],
    },
]

# The Planning and Budget commission's own articles: changed or only there.
_PLANNING_BUDGET_ARTICLES = [
    {
        "number": 2,
        "title_fa": "تعاریف",
        "title_en": "Definitions",
        "text_fa": (
            "در این آیین‌نامه، اصطلاحات زیر در معانی مشروح مربوط به کار می‌روند:\n"
            "الف) شهرداری: شهرداری تهران؛\n"
            "ب) دفتر: دفتر خدمات الکترونیک شهر که به‌موجب پروانه بهره‌برداری صادرشده طبق این "
            "آیین‌نامه، درخواست‌های شهروندان برای دریافت خدمات شهرداری را به نمایندگی از شهرداری "
            "پذیرش می‌کند؛\n"
            "پ) دارنده پروانه: شخص حقیقی یا حقوقی که پروانه بهره‌برداری دفتر به نام او صادر شده و "
            "در برابر شهرداری مسئول اداره دفتر است؛\n"
            "ت) مدیر فنی: شخص حقیقی واجد شرایط ماده (۹) که مسئولیت صحت فنی پرونده‌ها و نظارت بر "
            "کار کارکنان دفتر را بر عهده دارد؛\n"
            "ث) سازمان فاوا: سازمان فناوری اطلاعات و ارتباطات شهرداری تهران؛\n"
            "ج) کمیته راهبری: کمیته موضوع ماده (۳) این آیین‌نامه؛\n"
            "چ) حساب واحد خزانه: حساب متمرکز شهرداری نزد بانک عامل که تمامی وجوه دریافتی از "
            "شهروندان در دفاتر و درگاه‌های پرداخت الکترونیکی به آن واریز می‌شود؛\n"
            "ح) فهرست واحد خدمات: فهرست رسمی خدمات الکترونیک شهرداری که در مرکز تحول شهرداری "
            "نگهداری می‌شود؛\n"
            "خ) پرونده: مجموعه درخواست، مدارک، پرداخت‌ها و سوابق رسیدگی مربوط به یک خدمت؛\n"
            "د) کد رهگیری: شناسه یکتای هر پرونده که هنگام ثبت درخواست صادر می‌شود و شهروند با آن "
            "وضعیت پرونده را پیگیری می‌کند؛\n"
            "ذ) سهم دفتر: درصدی از تعرفه هر خدمت که به‌موجب مصوبه کمیته راهبری به‌عنوان حق‌الزحمه "
            "دفتر تعیین می‌شود؛\n"
            "ر) دوره تسویه: فاصله زمانی که در پایان آن سهم دفاتر از محل حساب واحد خزانه محاسبه و "
            "پرداخت می‌شود."
        ),
        "text_en": (
            "In this bylaw the following terms have the meanings given below:\n"
            "(a) Municipality: Tehran Municipality;\n"
            "(b) Office: an electronic city-services office that, under an operating licence "
            "issued in accordance with this bylaw, accepts citizens' requests for municipal "
            "services on the municipality's behalf;\n"
            "(c) Licensee: the natural or legal person in whose name the office's operating "
            "licence is issued and who is answerable to the municipality for running the office;\n"
            "(d) Technical manager: a natural person meeting the conditions of Article 9 who is "
            "responsible for the technical correctness of files and for supervising the work of "
            "the office's staff;\n"
            "(e) FAVA: the Information and Communication Technology Organisation of Tehran "
            "Municipality;\n"
            "(f) Steering committee: the committee established under Article 3 of this bylaw;\n"
            "(g) Single treasury account: the municipality's central account with its designated "
            "bank, into which all funds collected from citizens in the offices and through "
            "electronic payment gateways are deposited;\n"
            "(h) Single catalogue of services: the official list of the municipality's electronic "
            "services, kept at the municipality's Transformation Center;\n"
            "(i) File: the request, documents, payments and processing record relating to one "
            "service;\n"
            "(j) Tracking code: the unique identifier of a file, issued when the request is "
            "submitted, by which the citizen follows the file's status;\n"
            "(k) Office fee share: the percentage of each service's tariff that the steering "
            "committee sets by decision as the office's remuneration;\n"
            "(l) Settlement period: the interval at the end of which the offices' shares are "
            "computed and paid from the single treasury account."
        ),
        "notes": [],
    },
    {
        "number": 7,
        "title_fa": "سهمیه مناطق",
        "title_en": "District quotas",
        "text_fa": (
            "کمیته راهبری موظف است پیش از انتشار هر فراخوان، سهمیه دفاتر هر یک از مناطق "
            "بیست‌ودوگانه را بر اساس جمعیت منطقه، تعداد دفاتر فعال و میانگین تعداد تراکنش‌های "
            "مالی دفاتر منطقه در سال گذشته تعیین کند."
        ),
        "text_en": (
            "Before publishing any call, the steering committee must set the quota of offices for "
            "each of the 22 districts on the basis of the district's population, the number of "
            "active offices and the average number of financial transactions of the district's "
            "offices in the previous year."
        ),
        "notes": [
            {
                "text_fa": (
                    "افزایش سهمیه هر منطقه تنها در صورتی مجاز است که میانگین درآمد سهم دفاتر "
                    "موجود آن منطقه از حد تعیین‌شده توسط کمیته کمتر نشود."
                ),
                "text_en": (
                    "A district's quota may be increased only if the average fee-share income of "
                    "the district's existing offices would not fall below the level set by the "
                    "committee."
                ),
            },
        ],
    },
    {
        "number": 9,
        "title_fa": "مدیر فنی",
        "title_en": "Technical manager",
        "text_fa": (
            "هر دفتر موظف است یک مدیر فنی داشته باشد که دست‌کم ۲۵ و حداکثر ۵۵ سال سن و مدرک "
            "کارشناسی در یکی از رشته‌های مرتبط با شهرسازی داشته باشد."
        ),
        "text_en": (
            "Every office must have a technical manager who is at least 25 and at most 55 years "
            "old and holds a bachelor's degree in a field related to urban planning."
        ),
        "notes": [
            {
                "text_fa": "تغییر مدیر فنی باید ظرف سی روز به دبیرخانه کمیته اعلام شود.",
                "text_en": (
                    "A change of technical manager must be notified to the committee's "
                    "secretariat within thirty days."
                ),
            },
        ],
    },
    {
        "number": 10,
        "title_fa": "آزمون، امتیازها و اعلام نتایج",
        "title_en": "Examination, points and results",
        "text_fa": (
            "متقاضیان واجد شرایط در آزمون کتبی که زیر نظر کمیته راهبری برگزار می‌شود، شرکت "
            "می‌کنند. امتیاز نهایی هر متقاضی از جمع نمره آزمون، امتیاز مدرک تحصیلی بالاتر از "
            "کارشناسی و امتیاز سابقه کار مرتبط، بر اساس جدولی که همراه فراخوان منتشر می‌شود، "
            "محاسبه می‌شود. فهرست رتبه‌بندی متقاضیان هر منطقه با کد متقاضی منتشر می‌شود و "
            "متقاضیان می‌توانند ظرف ده روز از تاریخ انتشار به دبیرخانه کمیته اعتراض کنند. کمیته "
            "ظرف پانزده روز به اعتراضات رسیدگی و فهرست نهایی را منتشر می‌کند."
        ),
        "text_en": (
            "Eligible applicants sit a written examination held under the supervision of the "
            "steering committee. Each applicant's final score is the sum of the exam mark, the "
            "points for a degree above the bachelor's and the points for relevant work "
            "experience, computed according to a table published with the call. The ranking of "
            "each district's applicants is published by applicant code, and applicants may object "
            "to the committee's secretariat within ten days of its publication. The committee "
            "decides the objections within fifteen days and publishes the final list."
        ),
        "notes": [
            {
                "text_fa": (
                    "در صورت برابری امتیاز نهایی، متقاضی دارای نمره آزمون بالاتر و سپس متقاضی "
                    "دارای سابقه کار بیشتر مقدم است."
                ),
                "text_en": (
                    "Where final scores are equal, the applicant with the higher exam mark ranks "
                    "first, and then the applicant with the longer experience."
                ),
            },
            {
                "text_fa": (
                    "نمرات آزمون و امتیازهای همه متقاضیان، بدون ذکر هویت آنان، به‌گونه‌ای منتشر "
                    "می‌شود که محاسبه رتبه‌بندی توسط هر شخص قابل تکرار باشد."
                ),
                "text_en": (
                    "The exam marks and points of all applicants are published, without their "
                    "identities, so that anyone can repeat the ranking computation."
                ),
            },
        ],
    },
    {
        "number": 11,
        "title_fa": "موافقت اصولی و پروانه بهره‌برداری",
        "title_en": "Agreement in principle and operating licence",
        "text_fa": (
            "به پذیرفته‌شدگان فهرست نهایی، به ترتیب رتبه و در حدود سهمیه هر منطقه، به‌موجب مصوبه "
            "کمیته راهبری موافقت اصولی اعطا می‌شود. دارنده موافقت اصولی موظف است ظرف شش ماه محل "
            "دفتر، تجهیزات و کارکنان را مطابق این آیین‌نامه آماده کند تا پس از تأیید، پروانه "
            "بهره‌برداری به مدت سه سال برای او صادر شود. تمدید پروانه منوط به کسب رتبه قابل قبول "
            "در ارزیابی‌های دوره‌ای موضوع ماده (۲۷) است."
        ),
        "text_en": (
            "Successful applicants on the final list are granted an agreement in principle by "
            "decision of the steering committee, in order of rank and within each district's "
            "quota. The holder of an agreement in principle must prepare the office premises, "
            "equipment and staff in accordance with this bylaw within six months so that, after "
            "approval, an operating licence is issued to them for three years. Renewal of the "
            "licence depends on an acceptable grade in the periodic assessments under Article 27."
        ),
        "notes": [
            {
                "text_fa": (
                    "در صورت آماده نشدن دفتر در مهلت مقرر، موافقت اصولی لغو و به متقاضی بعدی همان "
                    "منطقه اعطا می‌شود."
                ),
                "text_en": (
                    "If the office is not ready within the time limit, the agreement in principle "
                    "is cancelled and granted to the next applicant in the same district."
                ),
            },
        ],
    },
    {
        "number": 15,
        "title_fa": "آموزش و گواهی صلاحیت کارکنان",
        "title_en": "Staff training and certification",
        "text_fa": (
            "کارکنان دفتر تنها پس از گذراندن دوره‌های آموزشی و کسب گواهی صلاحیت در هر حوزه خدمتی، "
            "مجاز به ارائه خدمات آن حوزه هستند. دفتر در صورتی مجاز به ارائه خدمات یک حوزه است که "
            "دست‌کم یکی از کارکنان آن دارای گواهی معتبر همان حوزه باشد و کمیته راهبری ارائه خدمات "
            "آن حوزه را برای دفتر مجاز کرده باشد."
        ),
        "text_en": (
            "Office staff may deliver the services of a service domain only after completing the "
            "training courses and obtaining a certificate of competence in that domain. An office "
            "may deliver the services of a domain only if at least one of its staff holds a valid "
            "certificate for that domain and the steering committee has authorised the office to "
            "deliver that domain's services."
        ),
        "notes": [
            {
                "text_fa": (
                    "دوره‌های آموزشی هر حوزه توسط معاونت ذی‌ربط شهرداری طراحی و برگزار می‌شود."
                ),
                "text_en": (
                    "The training courses of each domain are designed and run by the municipal "
                    "deputy office responsible for it."
                ),
            },
            {
                "text_fa": (
                    "هزینه دوره‌های آموزشی بر عهده دفاتر است و مبلغ آن توسط کمیته راهبری تعیین "
                    "می‌شود."
                ),
                "text_en": (
                    "The cost of the training courses is borne by the offices, at an amount set "
                    "by the steering committee."
                ),
            },
        ],
    },
    {
        "number": 16,
        "title_fa": "وجوه دریافتی و حساب واحد خزانه",
        "title_en": "Funds collected and the single treasury account",
        "text_fa": (
            "تمامی وجوه دریافتی از شهروندان در دفاتر صرفاً از طریق پایانه‌های فروش یا درگاه‌های "
            "پرداخت الکترونیکی متصل به حساب واحد خزانه شهرداری دریافت می‌شود. دریافت وجه نقد، "
            "نگهداری هر مبلغ در دفتر و واریز وجوه به هر حساب دیگر ممنوع است و هر پرداخت باید به "
            "کد رهگیری پرونده مربوط متصل باشد."
        ),
        "text_en": (
            "All funds collected from citizens in the offices are received only through card "
            "terminals or electronic payment gateways connected to the municipality's single "
            "treasury account. Accepting cash, keeping any amount in the office and depositing "
            "funds to any other account are prohibited, and every payment must be linked to the "
            "tracking code of the file concerned."
        ),
        "notes": [
            {
                "text_fa": (
                    "پرداخت از طریق فیش بانکی تنها در صورتی پذیرفته می‌شود که شناسه واریز آن از "
                    "کد رهگیری پرونده ساخته شده باشد."
                ),
                "text_en": (
                    "Payment by bank slip is accepted only if its deposit identifier is derived "
                    "from the file's tracking code."
                ),
            },
            {
                "text_fa": (
                    "واحد خزانه‌داری شهرداری موظف است دریافتی‌های هر روز را با صورت‌حساب بانک "
                    "تطبیق دهد و مغایرت‌ها را ثبت کند."
                ),
                "text_en": (
                    "The municipality's treasury unit must reconcile each day's collections with "
                    "the bank statement and record any differences."
                ),
            },
        ],
    },
    {
        "number": 17,
        "title_fa": "تسویه سهم دفتر",
        "title_en": "Settlement of the office fee share",
        "text_fa": (
            "سهم هر دفتر از تعرفه خدمات ارائه‌شده، به‌صورت دوره‌ای و دست‌کم هر سی روز یک بار، بر "
            "اساس صورت‌حساب صادرشده از سامانه و از محل حساب واحد خزانه به حساب معرفی‌شده دارنده "
            "پروانه پرداخت می‌شود. کسر سهم دفتر از وجوه دریافتی پیش از واریز به حساب واحد خزانه "
            "ممنوع است."
        ),
        "text_en": (
            "Each office's share of the tariffs of the services it delivered is paid "
            "periodically, at least once every thirty days, on the basis of the statement issued "
            "by the system, from the single treasury account to the account named by the "
            "licensee. Deducting the office's share from collections before they are deposited to "
            "the single treasury account is prohibited."
        ),
        "notes": [
            {
                "text_fa": (
                    "اعتراض دفتر به صورت‌حساب تسویه ظرف ده روز از تاریخ صدور آن به واحد "
                    "خزانه‌داری شهرداری ارائه می‌شود."
                ),
                "text_en": (
                    "An office's objection to a settlement statement is lodged with the "
                    "municipality's treasury unit within ten days of the statement's issue."
                ),
            },
        ],
    },
    {
        "number": 19,
        "title_fa": "گزارش مالی دفاتر",
        "title_en": "Financial reporting by offices",
        "text_fa": (
            "دارنده پروانه موظف است صورت‌حساب ماهانه تراکنش‌های دفتر را ظرف ده روز از پایان هر "
            "ماه و صورت‌های مالی سالانه حسابرسی‌شده دفتر را حداکثر تا پایان تیرماه سال بعد به "
            "معاونت مالی و اقتصاد شهری ارائه کند."
        ),
        "text_en": (
            "The licensee must submit the office's monthly statement of transactions within ten "
            "days of the end of each month, and the office's audited annual financial statements "
            "by the end of Tir of the following year at the latest, to the deputy office for "
            "finance and urban economy."
        ),
        "notes": [
            {
                "text_fa": (
                    "ارائه نکردن گزارش‌های موضوع این ماده تخلف محسوب می‌شود و تسویه سهم دفتر تا "
                    "ارائه آن‌ها متوقف می‌شود."
                ),
                "text_en": (
                    "Failure to submit the reports required by this article is a violation, and "
                    "the settlement of the office's share is suspended until they are submitted."
                ),
            },
        ],
    },
    {
        "number": 23,
        "title_fa": "تعرفه‌ها، سهم دفاتر و اعتبارات",
        "title_en": "Tariffs, office fee shares and budget appropriations",
        "text_fa": (
            "تعرفه خدمات ارائه‌شده در دفاتر و سهم دفاتر از آن، به‌صورت درصدی از تعرفه هر خدمت، "
            "سالانه پیش از آغاز سال مالی توسط کمیته راهبری و در چارچوب دفترچه تعرفه عوارض مصوب "
            "شورای اسلامی شهر تهران تعیین می‌شود. شهرداری موظف است اعتبارات لازم برای توسعه و "
            "نگهداری زیرساخت دفاتر را در ردیف مستقل بودجه سالانه پیش‌بینی کند."
        ),
        "text_en": (
            "The tariffs of the services delivered in the offices, and the offices' share of them "
            "as a percentage of each service's tariff, are set annually before the start of the "
            "fiscal year by the steering committee, within the book of duty tariffs approved by "
            "the Islamic City Council of Tehran. The municipality must provide the appropriations "
            "needed to develop and maintain the offices' infrastructure in a separate line of the "
            "annual budget."
        ),
        "notes": [
            {
                "text_fa": (
                    "تغییر تعرفه در طول سال تنها با مصوبه کمیته راهبری و از تاریخ مقرر در آن نافذ "
                    "است و بر پرونده‌هایی که پیش از آن تاریخ ثبت شده‌اند، اثری ندارد."
                ),
                "text_en": (
                    "A change of tariff during the year takes effect only by decision of the "
                    "steering committee, from the date set in it, and does not affect files "
                    "submitted before that date."
                ),
            },
            {
                "text_fa": "سهم دفتر از تعرفه هیچ خدمتی نباید از سی‌وپنج درصد بیشتر باشد.",
                "text_en": (
                    "An office's share of the tariff of any service may not exceed thirty-five "
                    "percent."
                ),
            },
        ],
    },
    {
        "number": 26,
        "title_fa": "بازرسی",
        "title_en": "Inspection",
        "text_fa": (
            "کمیته راهبری موظف است هر دفتر را دست‌کم یک بار در سال بر اساس فهرست وارسی مصوب کمیته "
            "بازرسی کند. بازرسی شامل تطبیق وجوه دریافتی دفتر با واریزی‌های حساب واحد خزانه نیز "
            "می‌شود."
        ),
        "text_en": (
            "The steering committee must inspect each office at least once a year using a "
            "checklist approved by the committee. The inspection includes matching the office's "
            "collections against the deposits to the single treasury account."
        ),
        "notes": [
            {
                "text_fa": "گزارش بازرسی باید ظرف ده روز کاری به دفتر ابلاغ شود.",
                "text_en": (
                    "The inspection report must be served on the office within ten working days."
                ),
            },
        ],
    },
    {
        "number": 29,
        "title_fa": "مغایرت‌های مالی",
        "title_en": "Financial discrepancies",
        "text_fa": (
            "هرگاه در تطبیق روزانه، میان وجوه دریافتی ثبت‌شده در سامانه برای یک دفتر و واریزی‌های "
            "حساب واحد خزانه مغایرتی مشاهده شود، واحد خزانه‌داری موظف است مراتب را فوراً به دفتر "
            "اعلام کند. دفتر موظف است ظرف سه روز کاری مغایرت را رفع یا مستندات خود را ارائه کند؛ "
            "در غیر این صورت معادل مبلغ مغایرت از سهم دفتر در نخستین تسویه کسر و موضوع به کمیته "
            "راهبری گزارش می‌شود."
        ),
        "text_en": (
            "Where the daily reconciliation shows a difference between an office's collections "
            "recorded in the system and the deposits to the single treasury account, the treasury "
            "unit must notify the office immediately. The office must resolve the difference or "
            "provide its evidence within three working days; otherwise the amount of the "
            "difference is deducted from the office's share at the next settlement and the matter "
            "is reported to the steering committee."
        ),
        "notes": [
            {
                "text_fa": (
                    "تکرار مغایرت رفع‌نشده در سه ماه متوالی موجب تعلیق دفتر طبق ماده (۳۱) است."
                ),
                "text_en": (
                    "Unresolved differences recurring in three consecutive months lead to the "
                    "suspension of the office under Article 31."
                ),
            },
        ],
    },
    {
        "number": 34,
        "title_fa": "اجرا و لازم‌الاجرا شدن",
        "title_en": "Implementation and entry into force",
        "text_fa": (
            "این آیین‌نامه پس از تصویب شورای اسلامی شهر تهران و طی تشریفات قانونی، از تاریخ "
            "انتشار لازم‌الاجرا است. کمیته راهبری موظف است دستورالعمل‌های اجرایی این آیین‌نامه را "
            "ظرف سه ماه از تاریخ لازم‌الاجرا شدن آن تصویب کند."
        ),
        "text_en": (
            "This bylaw enters into force on its publication, after its approval by the Islamic "
            "City Council of Tehran and the completion of the legal formalities. The steering "
            "committee must adopt the executive instructions of this bylaw within three months of "
            "its entry into force."
        ),
        "notes": [
            {
                "text_fa": (
                    "دفاتری که پیش از لازم‌الاجرا شدن این آیین‌نامه فعال بوده‌اند، موظف‌اند ظرف "
                    "هجده ماه شرایط این آیین‌نامه را احراز کنند و پروانه بهره‌برداری دریافت کنند؛ "
                    "در غیر این صورت فعالیت آن‌ها متوقف می‌شود."
                ),
                "text_en": (
                    "Offices that were active before this bylaw entered into force must meet its "
                    "conditions and obtain an operating licence within eighteen months; otherwise "
                    "their activity is halted."
                ),
            },
            {
                "text_fa": (
                    "از تاریخ لازم‌الاجرا شدن این آیین‌نامه، تمامی مقررات و دستورالعمل‌های مغایر "
                    "با آن لغو می‌شود."
                ),
                "text_en": (
                    "From the date this bylaw enters into force, all rules and instructions that "
                    "conflict with it are repealed."
                ),
            },
        ],
    },
]


def _draft(own_articles: list[dict]) -> list[dict]:
    articles = {a["number"]: a for a in _COMMON_ARTICLES + own_articles}
    return [
        {
            "number": chapter["number"],
            "title_fa": chapter["title_fa"],
            "title_en": chapter["title_en"],
            "articles": [copy.deepcopy(articles[n]) for n in chapter["articles"] if n in articles],
        }
        for chapter in _CHAPTERS
    ]


# The Urban Planning and Architecture commission's draft.
URBAN_PLANNING_DRAFT: list[dict] = _draft(_URBAN_PLANNING_ARTICLES)
# The Planning and Budget commission's draft.
PLANNING_BUDGET_DRAFT: list[dict] = _draft(_PLANNING_BUDGET_ARTICLES)

# How the joint meeting of the two commissions merged the drafts, article by article.
MERGE_CHOICES: dict[int, str | dict] = {
    # edited text: definitions: both commissions' additional terms kept
    2: {
        "title_fa": "تعاریف",
        "title_en": "Definitions",
        "text_fa": (
            "در این آیین‌نامه، اصطلاحات زیر در معانی مشروح مربوط به کار می‌روند:\n"
            "الف) شهرداری: شهرداری تهران؛\n"
            "ب) دفتر: دفتر خدمات الکترونیک شهر که به‌موجب پروانه بهره‌برداری صادرشده طبق این "
            "آیین‌نامه، درخواست‌های شهروندان برای دریافت خدمات شهرداری را به نمایندگی از شهرداری "
            "پذیرش می‌کند؛\n"
            "پ) دارنده پروانه: شخص حقیقی یا حقوقی که پروانه بهره‌برداری دفتر به نام او صادر شده و "
            "در برابر شهرداری مسئول اداره دفتر است؛\n"
            "ت) مدیر فنی: شخص حقیقی واجد شرایط ماده (۹) که مسئولیت صحت فنی پرونده‌ها و نظارت بر "
            "کار کارکنان دفتر را بر عهده دارد؛\n"
            "ث) سازمان فاوا: سازمان فناوری اطلاعات و ارتباطات شهرداری تهران؛\n"
            "ج) کمیته راهبری: کمیته موضوع ماده (۳) این آیین‌نامه؛\n"
            "چ) حساب واحد خزانه: حساب متمرکز شهرداری نزد بانک عامل که تمامی وجوه دریافتی از "
            "شهروندان در دفاتر و درگاه‌های پرداخت الکترونیکی به آن واریز می‌شود؛\n"
            "ح) فهرست واحد خدمات: فهرست رسمی خدمات الکترونیک شهرداری که در مرکز تحول شهرداری "
            "نگهداری می‌شود؛\n"
            "خ) پرونده: مجموعه درخواست، مدارک، پرداخت‌ها و سوابق رسیدگی مربوط به یک خدمت؛\n"
            "د) کد رهگیری: شناسه یکتای هر پرونده که هنگام ثبت درخواست صادر می‌شود و شهروند با آن "
            "وضعیت پرونده را پیگیری می‌کند؛\n"
            "ذ) خدمات شهرسازی و معماری: خدمات مربوط به تشکیل پرونده پروانه ساختمانی، گواهی "
            "پایان‌کار، گواهی عدم خلاف، رسیدگی به ساخت‌وساز غیرمجاز و امور مهندسان ناظر؛\n"
            "ر) سهم دفتر: درصدی از تعرفه هر خدمت که به‌موجب مصوبه کمیته راهبری به‌عنوان حق‌الزحمه "
            "دفتر تعیین می‌شود؛\n"
            "ز) دوره تسویه: فاصله زمانی که در پایان آن سهم دفاتر از محل حساب واحد خزانه محاسبه و "
            "پرداخت می‌شود."
        ),
        "text_en": (
            "In this bylaw the following terms have the meanings given below:\n"
            "(a) Municipality: Tehran Municipality;\n"
            "(b) Office: an electronic city-services office that, under an operating licence "
            "issued in accordance with this bylaw, accepts citizens' requests for municipal "
            "services on the municipality's behalf;\n"
            "(c) Licensee: the natural or legal person in whose name the office's operating "
            "licence is issued and who is answerable to the municipality for running the office;\n"
            "(d) Technical manager: a natural person meeting the conditions of Article 9 who is "
            "responsible for the technical correctness of files and for supervising the work of "
            "the office's staff;\n"
            "(e) FAVA: the Information and Communication Technology Organisation of Tehran "
            "Municipality;\n"
            "(f) Steering committee: the committee established under Article 3 of this bylaw;\n"
            "(g) Single treasury account: the municipality's central account with its designated "
            "bank, into which all funds collected from citizens in the offices and through "
            "electronic payment gateways are deposited;\n"
            "(h) Single catalogue of services: the official list of the municipality's electronic "
            "services, kept at the municipality's Transformation Center;\n"
            "(i) File: the request, documents, payments and processing record relating to one "
            "service;\n"
            "(j) Tracking code: the unique identifier of a file, issued when the request is "
            "submitted, by which the citizen follows the file's status;\n"
            "(k) Urban-planning and architecture services: the services concerning "
            "building-permit files, completion certificates, no-violation certificates, the "
            "review of unauthorised construction and the affairs of supervising engineers;\n"
            "(l) Office fee share: the percentage of each service's tariff that the steering "
            "committee sets by decision as the office's remuneration;\n"
            "(m) Settlement period: the interval at the end of which the offices' shares are "
            "computed and paid from the single treasury account."
        ),
        "notes": [],
    },
    # edited text: quotas: population, coverage, file volume and transactions; method published
    7: {
        "title_fa": "سهمیه مناطق",
        "title_en": "District quotas",
        "text_fa": (
            "کمیته راهبری موظف است پیش از انتشار هر فراخوان، سهمیه دفاتر هر یک از مناطق "
            "بیست‌ودوگانه را بر اساس جمعیت منطقه، تعداد دفاتر فعال، حجم پرونده‌های شهرسازی و "
            "معماری و میانگین تعداد تراکنش‌های مالی دفاتر منطقه در سال گذشته تعیین کند و روش "
            "محاسبه آن را همراه با فراخوان منتشر کند."
        ),
        "text_en": (
            "Before publishing any call, the steering committee must set the quota of offices for "
            "each of the 22 districts on the basis of the district's population, the number of "
            "active offices, the volume of urban-planning and architecture files and the average "
            "number of financial transactions of the district's offices in the previous year, and "
            "must publish the method of computation with the call."
        ),
        "notes": [
            {
                "text_fa": (
                    "سهمیه هر منطقه باید به‌گونه‌ای تعیین شود که به ازای هر یکصد هزار نفر جمعیت، "
                    "دست‌کم یک دفتر فعال باشد."
                ),
                "text_en": (
                    "Each district's quota must be set so that there is at least one active "
                    "office for every one hundred thousand residents."
                ),
            },
        ],
    },
    9: "left",  # technical manager: the detailed qualifications
    10: "left",  # keeps the bonus for engineering-organisation licence holders
    11: "right",  # licence term of three years
    13: "left",  # premises requirements kept
    15: "left",  # two-year urban-planning certificate kept
    16: "right",  # card terminals and gateways only; every payment tied to a tracking code
    17: "right",  # settlement at least every thirty days
    19: "right",  # financial reporting kept
    22: "left",  # urban-planning services kept
    23: "right",  # tariffs, fee-share cap and budget line kept
    26: "left",  # two unannounced inspections a year
    29: "right",  # financial discrepancies kept
    30: "right",  # technical audit dropped: covered by articles 26 and 27
    # edited text: twelve months, extendable once by six for offices in the first call
    34: {
        "title_fa": "اجرا و لازم‌الاجرا شدن",
        "title_en": "Implementation and entry into force",
        "text_fa": (
            "این آیین‌نامه پس از تصویب شورای اسلامی شهر تهران و طی تشریفات قانونی، از تاریخ "
            "انتشار لازم‌الاجرا است. کمیته راهبری موظف است دستورالعمل‌های اجرایی این آیین‌نامه را "
            "ظرف سه ماه از تاریخ لازم‌الاجرا شدن آن تصویب کند."
        ),
        "text_en": (
            "This bylaw enters into force on its publication, after its approval by the Islamic "
            "City Council of Tehran and the completion of the legal formalities. The steering "
            "committee must adopt the executive instructions of this bylaw within three months of "
            "its entry into force."
        ),
        "notes": [
            {
                "text_fa": (
                    "دفاتری که پیش از لازم‌الاجرا شدن این آیین‌نامه فعال بوده‌اند، موظف‌اند ظرف "
                    "دوازده ماه شرایط این آیین‌نامه را احراز کنند و پروانه بهره‌برداری دریافت "
                    "کنند؛ در غیر این صورت فعالیت آن‌ها متوقف می‌شود. کمیته راهبری می‌تواند این "
                    "مهلت را برای دفاتری که در نخستین فراخوان شرکت کرده‌اند، یک بار و حداکثر به "
                    "مدت شش ماه تمدید کند."
                ),
                "text_en": (
                    "Offices that were active before this bylaw entered into force must meet its "
                    "conditions and obtain an operating licence within twelve months; otherwise "
                    "their activity is halted. The steering committee may extend this period "
                    "once, by at most six months, for offices that took part in the first call."
                ),
            },
            {
                "text_fa": (
                    "از تاریخ لازم‌الاجرا شدن این آیین‌نامه، تمامی مقررات و دستورالعمل‌های مغایر "
                    "با آن لغو می‌شود."
                ),
                "text_en": (
                    "From the date this bylaw enters into force, all rules and instructions that "
                    "conflict with it are repealed."
                ),
            },
        ],
    },
}

# Steering-committee decisions of 1404. Decisions before the council adopted the bylaw
# (ADOPTION) cite nothing; later ones cite articles of the merged bylaw.
DECISIONS: list[dict] = [
    {
        "date": "1404/01/20",
        "kind": "policy",
        "subject_fa": "ادامه فعالیت دفاتر پس از انحلال مؤسسه فناوران",
        "subject_en": "Continuity of the offices after the dissolution of the Fanavaran institute",
        "body_fa": (
            "با توجه به انحلال مؤسسه فناوران، مقرر شد دفاتر فعال تا تصویب آیین‌نامه ساماندهی "
            "دفاتر با همان ترتیبات پیشین به فعالیت ادامه دهند. پیگیری امور فنی و زیرساختی دفاتر "
            "بر عهده معاونت تعیین‌شده در سازمان فاوا است و تصمیم‌گیری درباره اداره دفاتر، "
            "تعرفه‌ها و مجوزها در صلاحیت این کمیته باقی می‌ماند."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/01/27",
        "kind": "tariff",
        "subject_fa": "تعرفه تشکیل پرونده درخواست پروانه ساختمانی",
        "subject_en": "Tariff: opening a building-permit file",
        "body_fa": (
            "تعرفه خدمت «تشکیل پرونده درخواست پروانه ساختمانی» در دفاتر خدمات الکترونیک شهر مبلغ "
            "۸۵۰٬۰۰۰ ریال برای هر پرونده تعیین شد. سهم دفتر ۳۰ درصد این مبلغ (۲۵۵٬۰۰۰ ریال) است و "
            "باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۲/۰۱ ثبت "
            "می‌شوند، نافذ است."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/02/14",
        "kind": "tariff",
        "subject_fa": "تعرفه درخواست گواهی پایان‌کار",
        "subject_en": "Tariff: completion-certificate request",
        "body_fa": (
            "تعرفه خدمت «ثبت درخواست گواهی پایان‌کار» در دفاتر خدمات الکترونیک شهر مبلغ ۱٬۲۰۰٬۰۰۰ "
            "ریال برای هر پرونده تعیین شد. سهم دفتر ۲۵ درصد این مبلغ (۳۰۰٬۰۰۰ ریال) است و "
            "باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۲/۲۰ ثبت "
            "می‌شوند، نافذ است."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": None},
        "outcome": "adopted",
    },
    {
        "date": "1404/02/28",
        "kind": "tariff",
        "subject_fa": "تعرفه درخواست گواهی عدم خلاف",
        "subject_en": "Tariff: no-violation certificate request",
        "body_fa": (
            "تعرفه خدمت «ثبت درخواست گواهی عدم خلاف» در دفاتر خدمات الکترونیک شهر مبلغ ۶۵۰٬۰۰۰ "
            "ریال برای هر پرونده تعیین شد. سهم دفتر ۳۰ درصد این مبلغ (۱۹۵٬۰۰۰ ریال) است و "
            "باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۳/۰۱ ثبت "
            "می‌شوند، نافذ است."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/03/18",
        "kind": "tariff",
        "subject_fa": "تعرفه ثبت قرارداد پسماند",
        "subject_en": "Tariff: registering a waste-collection contract",
        "body_fa": (
            "تعرفه خدمت «ثبت و تمدید قرارداد جمع‌آوری پسماند» در دفاتر خدمات الکترونیک شهر مبلغ "
            "۴۵۰٬۰۰۰ ریال برای هر قرارداد تعیین شد. سهم دفتر ۲۵ درصد این مبلغ (۱۱۲٬۵۰۰ ریال) است "
            "و باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۴/۰۱ "
            "ثبت می‌شوند، نافذ است."
        ),
        "cites": [],
        "votes": {"urban_planning": None, "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/04/03",
        "kind": "service_authorisation",
        "subject_fa": "مجاز شدن پنج دفتر به ارائه خدمات قرارداد پسماند",
        "subject_en": "Five offices authorised for waste-collection contracts",
        "body_fa": (
            "دفاتر T0205، T0311، T0604، T1108 و T1402 که کارکنان آن‌ها دوره آموزشی حوزه پسماند را "
            "گذرانده‌اند، از تاریخ ۱۴۰۴/۰۴/۱۰ مجاز به ارائه خدمت «ثبت و تمدید قرارداد جمع‌آوری "
            "پسماند» شدند."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/04/24",
        "kind": "tariff",
        "subject_fa": "تعرفه بررسی ساخت‌وساز غیرمجاز",
        "subject_en": "Tariff: review of unauthorised construction",
        "body_fa": (
            "تعرفه خدمت «تشکیل پرونده بررسی ساخت‌وساز غیرمجاز» در دفاتر خدمات الکترونیک شهر مبلغ "
            "۱٬۵۰۰٬۰۰۰ ریال برای هر پرونده تعیین شد. سهم دفتر ۲۰ درصد این مبلغ (۳۰۰٬۰۰۰ ریال) است "
            "و باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۵/۰۱ "
            "ثبت می‌شوند، نافذ است."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "abstain"},
        "outcome": "adopted",
    },
    {
        "date": "1404/05/12",
        "kind": "tariff",
        "subject_fa": "پیشنهاد سهم ۴۰ درصدی دفاتر از خدمت مجوز طرح ترافیک",
        "subject_en": "Proposal: a 40% office share for the traffic-zone permit service",
        "body_fa": (
            "پیشنهاد تعیین سهم دفاتر از تعرفه خدمت «صدور مجوز ورود به محدوده طرح ترافیک» به میزان "
            "۴۰ درصد مطرح شد. با توجه به اثر آن بر درآمد حمل‌ونقل شهری و نبود مطالعه توجیهی، "
            "پیشنهاد رأی لازم را کسب نکرد."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "no", "finance": "no"},
        "outcome": "rejected",
    },
    {
        "date": "1404/06/09",
        "kind": "other",
        "subject_fa": "اعلام نظر کمیته درباره متن تلفیقی آیین‌نامه ساماندهی دفاتر",
        "subject_en": "The committee's opinion on the merged draft bylaw",
        "body_fa": (
            "متن تلفیقی آیین‌نامه ساماندهی دفاتر که در جلسات مشترک کمیسیون شهرسازی و معماری و "
            "کمیسیون برنامه و بودجه شورای اسلامی شهر تهران تهیه شده است، بررسی شد و کمیته با آن "
            "موافقت کرد. مقرر شد دبیرخانه پیش‌نویس دستورالعمل‌های اجرایی را هم‌زمان آماده کند تا "
            "امور اجرایی از متن آیین‌نامه جدا بماند."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/07/06",
        "kind": "tariff",
        "subject_fa": "تعرفه ثبت معرفی مهندس ناظر",
        "subject_en": "Tariff: registering a supervising engineer",
        "body_fa": (
            "تعرفه خدمت «ثبت معرفی مهندس ناظر ساختمان» در دفاتر خدمات الکترونیک شهر مبلغ ۹۰۰٬۰۰۰ "
            "ریال برای هر پرونده تعیین شد. سهم دفتر ۳۰ درصد این مبلغ (۲۷۰٬۰۰۰ ریال) است و "
            "باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۷/۱۵ ثبت "
            "می‌شوند، نافذ است."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": None, "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/07/27",
        "kind": "other",
        "subject_fa": "اجرای آزمایشی ثبت غیرحضوری گواهی عدم خلاف در «تهران من»",
        "subject_en": "Pilot: remote no-violation certificate requests in “Tehran-e Man”",
        "body_fa": (
            "مقرر شد ثبت درخواست گواهی عدم خلاف از طریق سامانه «تهران من» از تاریخ ۱۴۰۴/۰۸/۰۱ به "
            "مدت سه ماه در مناطق ۲، ۵ و ۲۲ به‌صورت آزمایشی اجرا شود. سازمان فاوا موظف است اتصال "
            "سامانه را برقرار کند و گزارش دسترس‌پذیری آن را ماهانه ارائه کند. تعرفه این خدمت همان "
            "تعرفه مصوب ۱۴۰۴/۰۲/۲۸ است و در ثبت غیرحضوری سهم دفتر تعلق نمی‌گیرد."
        ),
        "cites": [],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/08/19",
        "kind": "policy",
        "subject_fa": "آیین کار جلسات کمیته: حد نصاب، اکثریت و ثبت آرا",
        "subject_en": "Rules of procedure: quorum, majority and recording of votes",
        "body_fa": (
            "به استناد ماده (۵) آیین‌نامه ساماندهی دفاتر، مقرر شد: جلسات با حضور دست‌کم دو عضو "
            "رسمیت دارد؛ رأی ممتنع در شمار حاضران محسوب می‌شود ولی رأی موافق نیست؛ هر مصوبه با "
            "رأی موافق دست‌کم دو عضو تصویب می‌شود؛ مصوبات از ابتدای هر سال به ترتیب شماره‌گذاری و "
            "رأی هر عضو در صورت‌جلسه ثبت می‌شود؛ و دبیرخانه موضوع تبصره (۲) ماده (۳) مسئول انتشار "
            "مصوبات ظرف هفت روز کاری است."
        ),
        "cites": [(5, None), (5, 1), (3, 2)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/08/26",
        "kind": "licence",
        "subject_fa": "فراخوان عمومی شماره ۱۴۰۴-۱ صدور مجوز دفاتر و سهمیه مناطق",
        "subject_en": "Open call no. 1404-1 for office licences, with district quotas",
        "body_fa": (
            "به استناد مواد (۶)، (۷) و (۸) آیین‌نامه ساماندهی دفاتر، فراخوان عمومی شماره ۱۴۰۴-۱ "
            "برای اعطای موافقت اصولی تأسیس دفاتر خدمات الکترونیک شهر با سهمیه زیر تصویب شد: منطقه "
            "۴: سه دفتر؛ منطقه ۵: سه دفتر؛ منطقه ۱۵: دو دفتر؛ منطقه ۱۸: دو دفتر؛ منطقه ۲۱: یک "
            "دفتر؛ منطقه ۲۲: دو دفتر (جمعاً سیزده دفتر). سهمیه‌ها بر اساس جمعیت هر منطقه، تعداد "
            "دفاتر فعال، حجم پرونده‌های شهرسازی و معماری سال ۱۴۰۳ و میانگین تراکنش‌های مالی دفاتر "
            "محاسبه شده و روش محاسبه همراه فراخوان منتشر می‌شود. فراخوان در تاریخ ۱۴۰۴/۰۸/۲۸ "
            "منتشر می‌شود، مهلت ثبت‌نام تا ۱۴۰۴/۰۹/۳۰ است و آزمون کتبی در تاریخ ۱۴۰۴/۱۰/۱۲ برگزار "
            "می‌شود."
        ),
        "cites": [(6, None), (7, None), (8, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/09/05",
        "kind": "policy",
        "subject_fa": "دوره تسویه سهم دفاتر",
        "subject_en": "Settlement period for office fee shares",
        "body_fa": (
            "به استناد ماده (۱۷) آیین‌نامه ساماندهی دفاتر، دوره تسویه سهم دفاتر ماهانه تعیین شد. "
            "صورت‌حساب هر ماه تا روز سوم ماه بعد از سامانه صادر می‌شود و سهم دفتر تا روز دهم ماه "
            "بعد از محل حساب واحد خزانه به حساب شبای معرفی‌شده دارنده پروانه پرداخت می‌شود. "
            "اعتراض به صورت‌حساب طبق تبصره ماده (۱۷) ظرف ده روز از صدور آن پذیرفته می‌شود."
        ),
        "cites": [(17, None), (17, 1)],
        "votes": {"urban_planning": "abstain", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/09/10",
        "kind": "tariff",
        "subject_fa": "تعرفه صدور مجوز طرح ترافیک",
        "subject_en": "Tariff: traffic-zone permit",
        "body_fa": (
            "به استناد ماده (۲۳) آیین‌نامه ساماندهی دفاتر و با رعایت سقف مقرر در تبصره (۲) آن، "
            "تعرفه خدمت «صدور مجوز ورود به محدوده طرح ترافیک» در دفاتر خدمات الکترونیک شهر مبلغ "
            "۲۵۰٬۰۰۰ ریال برای هر مجوز تعیین شد. سهم دفتر ۲۵ درصد این مبلغ (۶۲٬۵۰۰ ریال) است و "
            "باقی‌مانده درآمد شهرداری است. این تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۰۹/۱۵ ثبت "
            "می‌شوند، نافذ است."
        ),
        "cites": [(23, None), (23, 2)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/09/17",
        "kind": "tariff",
        "subject_fa": "تعرفه صدور مجوز پارک حاشیه‌ای ساکنان",
        "subject_en": "Tariff: residents' parking permit",
        "body_fa": (
            "به استناد ماده (۲۳) آیین‌نامه ساماندهی دفاتر، تعرفه خدمت «صدور مجوز پارک حاشیه‌ای "
            "ساکنان» در دفاتر خدمات الکترونیک شهر مبلغ ۳۰۰٬۰۰۰ ریال برای هر مجوز تعیین شد. سهم "
            "دفتر ۲۵ درصد این مبلغ (۷۵٬۰۰۰ ریال) است و باقی‌مانده درآمد شهرداری است. این تعرفه "
            "برای پرونده‌هایی که از تاریخ ۱۴۰۴/۱۰/۰۱ ثبت می‌شوند، نافذ است."
        ),
        "cites": [(23, None)],
        "votes": {"urban_planning": None, "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/09/24",
        "kind": "sanction",
        "subject_fa": "تذکر کتبی به دفتر T0712",
        "subject_en": "Written warning to office T0712",
        "body_fa": (
            "بر اساس گزارش بازرسی مورخ ۱۴۰۴/۰۹/۱۱، در دفتر T0712 مبلغ ۱۸٬۵۰۰٬۰۰۰ ریال وجه نقد "
            "دریافتی از شهروندان نگهداری شده بود. به استناد ماده (۱۶) و بند (الف) ماده (۳۱) "
            "آیین‌نامه ساماندهی دفاتر، به دارنده پروانه دفتر تذکر کتبی داده شد و در سوابق دفتر "
            "درج شد. دفتر موظف است ظرف سه روز کاری مبلغ یادشده را با ذکر کد رهگیری پرونده‌های "
            "مربوط به حساب واحد خزانه واریز کند."
        ),
        "cites": [(16, None), (31, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/10/01",
        "kind": "complaint_ruling",
        "subject_fa": "رسیدگی به شکایت از دفتر T1503 درباره دریافت وجه مازاد",
        "subject_en": "Ruling on a complaint against office T1503 about overcharging",
        "body_fa": (
            "شکایت یکی از شهروندان درباره دریافت مبلغ ۲۰۰٬۰۰۰ ریال با عنوان «هزینه تایپ و اسکن»، "
            "مازاد بر تعرفه خدمت گواهی پایان‌کار، در دفتر T1503 بررسی شد. با توجه به گزارش "
            "دبیرخانه و پاسخ دفتر، شکایت وارد تشخیص داده شد. به استناد مواد (۲۸) و (۱۴) آیین‌نامه "
            "ساماندهی دفاتر، دفتر موظف است ظرف پنج روز کاری مبلغ یادشده را به شاکی مسترد کند و "
            "نصب فهرست تعرفه‌ها در محل دفتر در همین مدت بازرسی می‌شود."
        ),
        "cites": [(28, None), (14, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": None},
        "outcome": "adopted",
    },
    {
        "date": "1404/10/08",
        "kind": "tariff",
        "subject_fa": "تعرفه صدور قبض عوارض نوسازی",
        "subject_en": "Tariff: renovation duty bill",
        "body_fa": (
            "به استناد ماده (۲۳) آیین‌نامه ساماندهی دفاتر، تعرفه خدمت «صدور و تحویل قبض عوارض "
            "نوسازی» در دفاتر خدمات الکترونیک شهر مبلغ ۱۲۰٬۰۰۰ ریال برای هر قبض تعیین شد. سهم "
            "دفتر ۳۰ درصد این مبلغ (۳۶٬۰۰۰ ریال) است و باقی‌مانده درآمد شهرداری است. این تعرفه "
            "برای پرونده‌هایی که از تاریخ ۱۴۰۴/۱۰/۱۵ ثبت می‌شوند، نافذ است."
        ),
        "cites": [(23, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/10/15",
        "kind": "policy",
        "subject_fa": "پیشنهاد اجازه دریافت وجه نقد در زمان قطعی شبکه پرداخت",
        "subject_en": "Proposal: allowing cash while the payment network is down",
        "body_fa": (
            "پیشنهاد مجاز شدن دفاتر مناطق ۲۱ و ۲۲ به دریافت وجه نقد در زمان قطعی شبکه پرداخت، به "
            "شرط واریز در همان روز به حساب واحد خزانه، مطرح شد. با توجه به ممنوعیت صریح دریافت و "
            "نگهداری وجه نقد در ماده (۱۶) آیین‌نامه ساماندهی دفاتر، پیشنهاد رأی لازم را کسب نکرد."
        ),
        "cites": [(16, None)],
        "votes": {"urban_planning": "yes", "planning": "no", "finance": "no"},
        "outcome": "rejected",
    },
    {
        "date": "1404/10/22",
        "kind": "service_authorisation",
        "subject_fa": "مجاز شدن دفاتر T0304، T0611 و T1102 به ارائه خدمات شهرسازی و معماری",
        "subject_en": (
            "Offices T0304, T0611 and T1102 authorised for urban-planning and architecture services"
        ),
        "body_fa": (
            "با احراز وجود مدیر فنی واجد شرایط و دست‌کم یک کارمند دارای گواهی معتبر حوزه شهرسازی "
            "و معماری، به استناد مواد (۹)، (۱۵) و (۲۲) آیین‌نامه ساماندهی دفاتر، دفاتر T0304، "
            "T0611 و T1102 از تاریخ ۱۴۰۴/۱۱/۰۱ مجاز به ارائه خدمات حوزه شهرسازی و معماری شامل "
            "تشکیل پرونده پروانه ساختمانی، گواهی پایان‌کار و گواهی عدم خلاف شدند."
        ),
        "cites": [(9, None), (15, None), (22, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "abstain"},
        "outcome": "adopted",
    },
    {
        "date": "1404/10/29",
        "kind": "tariff",
        "subject_fa": "تعرفه صدور قبض عوارض کسب و پیشه",
        "subject_en": "Tariff: business duty bill",
        "body_fa": (
            "به استناد ماده (۲۳) آیین‌نامه ساماندهی دفاتر، تعرفه خدمت «صدور و تحویل قبض عوارض کسب "
            "و پیشه» در دفاتر خدمات الکترونیک شهر مبلغ ۳۵۰٬۰۰۰ ریال برای هر قبض تعیین شد. سهم "
            "دفتر ۲۵ درصد این مبلغ (۸۷٬۵۰۰ ریال) است و باقی‌مانده درآمد شهرداری است. این تعرفه "
            "برای پرونده‌هایی که از تاریخ ۱۴۰۴/۱۱/۰۱ ثبت می‌شوند، نافذ است."
        ),
        "cites": [(23, None)],
        "votes": {"urban_planning": "yes", "planning": None, "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/11/06",
        "kind": "licence",
        "subject_fa": "اعطای موافقت اصولی به پذیرفته‌شدگان فراخوان شماره ۱۴۰۴-۱",
        "subject_en": "Agreements in principle to the successful applicants of call 1404-1",
        "body_fa": (
            "پس از انتشار فهرست نهایی رتبه‌بندی و رسیدگی به اعتراضات، به استناد مواد (۱۰) و (۱۱) "
            "آیین‌نامه ساماندهی دفاتر، به متقاضیان زیر به ترتیب رتبه و در حدود سهمیه هر منطقه "
            "موافقت اصولی اعطا شد: منطقه ۴: A1404-0017، A1404-0042 و A1404-0105؛ منطقه ۵: "
            "A1404-0008، A1404-0071 و A1404-0093؛ منطقه ۱۵: A1404-0063 و A1404-0120؛ منطقه ۱۸: "
            "A1404-0036 و A1404-0088؛ منطقه ۲۱: A1404-0054؛ منطقه ۲۲: A1404-0029 و A1404-0112. "
            "دارندگان موافقت اصولی موظف‌اند ظرف شش ماه دفتر را برای صدور پروانه بهره‌برداری آماده "
            "کنند."
        ),
        "cites": [(10, None), (11, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/11/13",
        "kind": "sanction",
        "subject_fa": "تعلیق یک‌ماهه فعالیت دفتر T0712",
        "subject_en": "One-month suspension of office T0712",
        "body_fa": (
            "با توجه به تکرار نگهداری وجه نقد در بازرسی مورخ ۱۴۰۴/۱۱/۰۲ پس از تذکر کتبی مصوب "
            "۱۴۰۴/۰۹/۲۴ و مغایرت رفع‌نشده به مبلغ ۶٬۷۵۰٬۰۰۰ ریال در تطبیق روزانه خزانه، به استناد "
            "بند (ب) ماده (۳۱) و ماده (۲۹) آیین‌نامه ساماندهی دفاتر، فعالیت دفتر T0712 از تاریخ "
            "۱۴۰۴/۱۱/۱۸ به مدت یک ماه تعلیق شد. پرونده‌های در جریان دفتر طبق تبصره (۲) ماده (۳۱) "
            "به دفتر T0703 منتقل می‌شود."
        ),
        "cites": [(31, None), (31, 2), (29, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/11/20",
        "kind": "tariff",
        "subject_fa": "تعرفه صدور گواهی مفاصاحساب نقل و انتقال ملک",
        "subject_en": "Tariff: property transfer clearance certificate",
        "body_fa": (
            "به استناد ماده (۲۳) آیین‌نامه ساماندهی دفاتر، تعرفه خدمت «صدور گواهی مفاصاحساب نقل و "
            "انتقال ملک» در دفاتر خدمات الکترونیک شهر مبلغ ۹۵۰٬۰۰۰ ریال برای هر پرونده تعیین شد. "
            "سهم دفتر ۲۰ درصد این مبلغ (۱۹۰٬۰۰۰ ریال) است و باقی‌مانده درآمد شهرداری است. این "
            "تعرفه برای پرونده‌هایی که از تاریخ ۱۴۰۴/۱۲/۰۱ ثبت می‌شوند، نافذ است."
        ),
        "cites": [(23, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/11/23",
        "kind": "complaint_ruling",
        "subject_fa": "رسیدگی به شکایت از دفتر T2103 درباره تأخیر در پرونده پایان‌کار",
        "subject_en": (
            "Ruling on a complaint against office T2103 about a delayed completion-certificate file"
        ),
        "body_fa": (
            "شکایت یکی از شهروندان درباره تأخیر در رسیدگی به پرونده گواهی پایان‌کار ثبت‌شده در "
            "دفتر T2103 بررسی شد. بر اساس سوابق سامانه، دفتر پرونده را در همان روز ثبت و ارسال "
            "کرده و تأخیر در واحد شهرسازی منطقه ۲۱ رخ داده است. به استناد مواد (۲۸) و (۲۱) "
            "آیین‌نامه ساماندهی دفاتر، شکایت از دفتر وارد نیست و موضوع تأخیر برای رسیدگی به "
            "معاونت شهرسازی و معماری ارجاع شد."
        ),
        "cites": [(28, None), (21, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": None},
        "outcome": "adopted",
    },
    {
        "date": "1404/11/27",
        "kind": "service_authorisation",
        "subject_fa": "مجاز شدن دفاتر T0207، T0603 و T0716 به ارائه خدمات حمل‌ونقل و ترافیک",
        "subject_en": (
            "Offices T0207, T0603 and T0716 authorised for transport and traffic services"
        ),
        "body_fa": (
            "به استناد ماده (۱۵) آیین‌نامه ساماندهی دفاتر و با احراز گواهی صلاحیت کارکنان، دفاتر "
            "T0207، T0603 و T0716 از تاریخ ۱۴۰۴/۱۲/۰۱ مجاز به ارائه خدمات حوزه حمل‌ونقل و ترافیک "
            "شامل صدور مجوز ورود به محدوده طرح ترافیک و مجوز پارک حاشیه‌ای ساکنان شدند. این خدمات "
            "طبق ماده (۲۰) در فهرست واحد خدمات درج شده است."
        ),
        "cites": [(15, None), (20, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/12/04",
        "kind": "licence",
        "subject_fa": "موافقت با جابه‌جایی محل دفتر T0905",
        "subject_en": "Relocation of office T0905 approved",
        "body_fa": (
            "درخواست دارنده پروانه دفتر T0905 برای جابه‌جایی محل دفتر به نشانی جدیدی در محدوده "
            "منطقه ۹ بررسی شد. با توجه به گزارش بازدید کارشناس معاونت شهرسازی و معماری منطقه "
            "درباره انطباق محل جدید با ماده (۱۳)، به استناد ماده (۱۲) آیین‌نامه ساماندهی دفاتر با "
            "جابه‌جایی دفتر از تاریخ ۱۴۰۴/۱۲/۱۵ موافقت شد."
        ),
        "cites": [(12, None), (13, None), (13, 1)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": None},
        "outcome": "adopted",
    },
    {
        "date": "1404/12/09",
        "kind": "policy",
        "subject_fa": "روش رتبه‌بندی دفاتر و وزن شاخص‌ها",
        "subject_en": "Method of grading offices and indicator weights",
        "body_fa": (
            "به استناد ماده (۲۷) آیین‌نامه ساماندهی دفاتر، وزن شاخص‌های رتبه‌بندی دفاتر چنین "
            "تعیین شد: رعایت مهلت رسیدگی ۳۵ درصد، رضایت شهروندان ۲۵ درصد، تعداد شکایات واردشده به "
            "ازای هر هزار پرونده ۱۵ درصد و نتایج بازرسی موضوع ماده (۲۶) نیز ۲۵ درصد. دفاتر بر "
            "اساس امتیاز نهایی در چهار رتبه الف (۸۵ و بالاتر)، ب (۷۰ تا کمتر از ۸۵)، ج (۵۵ تا "
            "کمتر از ۷۰) و د (کمتر از ۵۵) قرار می‌گیرند. نخستین رتبه‌بندی برای نیمه دوم سال ۱۴۰۴ "
            "انجام می‌شود."
        ),
        "cites": [(27, None), (26, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/12/11",
        "kind": "policy",
        "subject_fa": "پیشنهاد تمدید دوازده‌ماهه مهلت انتقالی دفاتر موجود",
        "subject_en": (
            "Proposal: a twelve-month extension of the transition period for existing offices"
        ),
        "body_fa": (
            "پیشنهاد تمدید دوازده‌ماهه مهلت احراز شرایط و دریافت پروانه بهره‌برداری برای همه "
            "دفاتر موجود مطرح شد. با توجه به اینکه تبصره (۱) ماده (۳۴) آیین‌نامه تنها تمدید "
            "یک‌باره و حداکثر شش‌ماهه را برای دفاتر شرکت‌کننده در نخستین فراخوان مجاز می‌داند، "
            "پیشنهاد رأی لازم را کسب نکرد."
        ),
        "cites": [(34, 1)],
        "votes": {"urban_planning": "yes", "planning": None, "finance": "no"},
        "outcome": "rejected",
    },
    {
        "date": "1404/12/16",
        "kind": "licence",
        "subject_fa": "صدور پروانه بهره‌برداری برای دفاتر موجود واجد شرایط",
        "subject_en": "Operating licences for existing offices that meet the conditions",
        "body_fa": (
            "با احراز شرایط آیین‌نامه در بازرسی‌های انجام‌شده، به استناد ماده (۱۱) و تبصره (۱) "
            "ماده (۳۴) آیین‌نامه ساماندهی دفاتر، برای دفاتر T0101، T0205، T0304، T0611 و T1102 "
            "پروانه بهره‌برداری به مدت سه سال از تاریخ ۱۴۰۵/۰۱/۰۱ صادر شد."
        ),
        "cites": [(11, None), (34, 1)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/12/17",
        "kind": "tariff",
        "subject_fa": "تعرفه خدمات دفاتر برای سال ۱۴۰۵",
        "subject_en": "Office service tariffs for 1405",
        "body_fa": (
            "به استناد ماده (۲۳) آیین‌نامه ساماندهی دفاتر و در چارچوب دفترچه تعرفه عوارض سال ۱۴۰۵ "
            "مصوب شورای اسلامی شهر تهران، تعرفه خدمات دفاتر برای سال ۱۴۰۵ با افزایش ۲۵ درصد نسبت "
            "به تعرفه‌های مصوب سال ۱۴۰۴ و گرد شدن به نزدیک‌ترین مضرب ۱۰٬۰۰۰ ریال تعیین شد؛ از "
            "جمله تشکیل پرونده درخواست پروانه ساختمانی ۱٬۰۶۰٬۰۰۰ ریال، ثبت درخواست گواهی "
            "پایان‌کار ۱٬۵۰۰٬۰۰۰ ریال و ثبت درخواست گواهی عدم خلاف ۸۱۰٬۰۰۰ ریال. درصد سهم دفاتر "
            "از هر خدمت بدون تغییر باقی می‌ماند. تعرفه‌های جدید برای پرونده‌هایی که از تاریخ "
            "۱۴۰۵/۰۱/۰۱ ثبت می‌شوند، نافذ است و طبق تبصره (۱) ماده (۲۳) بر پرونده‌های ثبت‌شده پیش "
            "از آن اثری ندارد."
        ),
        "cites": [(23, None), (23, 1)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/12/18",
        "kind": "sanction",
        "subject_fa": "رسیدگی به درخواست تجدیدنظر دفتر T0712",
        "subject_en": "Ruling on office T0712's appeal",
        "body_fa": (
            "درخواست تجدیدنظر دارنده پروانه دفتر T0712 نسبت به مصوبه تعلیق مورخ ۱۴۰۴/۱۱/۱۳ موضوع "
            "بند (ب) ماده (۳۱)، که در تاریخ ۱۴۰۴/۱۱/۲۸ ثبت شده بود، با حضور هر سه عضو بررسی شد. "
            "با توجه به گزارش بازرسی و سوابق تطبیق روزانه خزانه، به استناد ماده (۳۲) آیین‌نامه "
            "ساماندهی دفاتر، دلایل دفتر برای نقض مصوبه کافی تشخیص داده نشد و مصوبه تعلیق تأیید "
            "شد. فعالیت دفتر پس از پایان مدت تعلیق و واریز کامل مبلغ مغایرت از سر گرفته می‌شود."
        ),
        "cites": [(32, None), (31, None)],
        "votes": {"urban_planning": "abstain", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
    {
        "date": "1404/12/19",
        "kind": "sanction",
        "subject_fa": "کسر مغایرت‌های رفع‌نشده از سهم دفاتر T0101 و T0601",
        "subject_en": "Unresolved reconciliation differences deducted from offices T0101 and T0601",
        "body_fa": (
            "بر اساس گزارش واحد خزانه‌داری از تطبیق روزانه حساب واحد خزانه در بهمن ۱۴۰۴، مغایرت "
            "میان وجوه دریافتی ثبت‌شده در سامانه و واریزی‌های حساب واحد خزانه به مبلغ "
            "۳٬۴۰۰٬۰۰۰ ریال در دفتر T0101 و ۱٬۲۵۰٬۰۰۰ ریال در دفتر T0601، پس از اعلام به دفاتر، "
            "در مهلت سه روز کاری رفع نشد. به استناد ماده (۲۹) آیین‌نامه ساماندهی دفاتر، مبالغ "
            "یادشده در نخستین تسویه از سهم هر دفتر کسر و به ردیف درآمد جرایم دفاتر واریز می‌شود؛ "
            "چنانچه سهم دفتر در آن تسویه کافی نباشد، باقی‌مانده در تسویه‌های بعدی کسر خواهد شد."
        ),
        "cites": [(29, None)],
        "votes": {"urban_planning": "yes", "planning": "yes", "finance": "yes"},
        "outcome": "adopted",
    },
]

ADOPTION = {"date": "1404/08/12", "council_session": 341}


# ------------------------------------------------------------------ self-check

_ARTICLE_KEYS = {"number", "title_fa", "title_en", "text_fa", "text_en", "notes"}
_EDITED_KEYS = {"title_fa", "title_en", "text_fa", "text_en", "notes"}
_NOTE_KEYS = {"text_fa", "text_en"}
_KINDS = {
    "tariff",
    "licence",
    "service_authorisation",
    "sanction",
    "complaint_ruling",
    "policy",
    "other",
}
_SEATS = ("urban_planning", "planning", "finance")
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_CODE = re.compile(r"\b[A-Z]\d{4}(?:-\d{4})?\b")  # office codes T0712, applicant codes A1404-0017
_REF_FA = re.compile(r"ماده \(([۰-۹]+)\)")
_REF_EN = re.compile(r"Article (\d+)")
# Common slips in Persian typing: a space where a ZWNJ belongs.
_MISSING_ZWNJ = re.compile(r"(?:^|[\s(«])ن?می |\s(?:ها|های|هایی|اند|ترین)(?=[\s.،؛:)»]|$)")
_ARABIC_LETTERS = "يك"
_MONTH_DAYS_1404 = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)  # 1404 is not a leap year


def _to_persian_digits(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", _PERSIAN_DIGITS))


def _gregorian(jalali: str) -> datetime.date:
    """A 1404 Jalali date as 'YYYY/MM/DD' to its Gregorian date (1404/01/01 = 2025-03-21)."""
    year, month, day = (int(part) for part in jalali.split("/"))
    assert year == 1404, jalali
    assert 1 <= month <= 12, jalali
    assert 1 <= day <= _MONTH_DAYS_1404[month - 1], jalali
    offset = sum(_MONTH_DAYS_1404[: month - 1]) + day - 1
    return datetime.date(2025, 3, 21) + datetime.timedelta(days=offset)


def _check_clean(text: str, where: str) -> None:
    assert text, f"{where}: empty"
    assert text == text.strip(), f"{where}: surrounding whitespace"
    assert "  " not in text, f"{where}: double space"


def _check_persian(text: str, where: str, *, codes_allowed: bool) -> None:
    _check_clean(text, where)
    assert not any(ch in text for ch in _ARABIC_LETTERS), f"{where}: Arabic ي/ك"
    bare = _CODE.sub("", text) if codes_allowed else text
    assert not re.search(r"[0-9A-Za-z_,;?]", bare), f"{where}: ASCII digit/letter/punctuation"
    assert not _MISSING_ZWNJ.search(text), f"{where}: missing ZWNJ"


def _check_english(text: str, where: str) -> None:
    _check_clean(text, where)
    assert not re.search(r"[\u0600-\u06ff\u200c]", text), f"{where}: Persian script in English"


def _articles(draft: list[dict]) -> dict[int, dict]:
    return {article["number"]: article for chapter in draft for article in chapter["articles"]}


def _merged_articles() -> dict[int, dict]:
    """The bylaw as the joint meeting merged it: article number -> article."""
    left, right = _articles(URBAN_PLANNING_DRAFT), _articles(PLANNING_BUDGET_DRAFT)
    merged = {}
    for number in sorted(left.keys() | right.keys()):
        choice = MERGE_CHOICES.get(number)
        if choice is None:
            merged[number] = left[number]
        elif choice == "left":
            if number in left:
                merged[number] = left[number]
        elif choice == "right":
            if number in right:
                merged[number] = right[number]
        else:
            merged[number] = {"number": number, **choice}
    return merged


def _check_piece(piece: dict, where: str, known: set[int]) -> None:
    """One article or note: both languages clean, cross-references agree and exist."""
    for key in ("title_fa", "text_fa"):
        if key in piece:
            _check_persian(piece[key], f"{where} {key}", codes_allowed=False)
    for key in ("title_en", "text_en"):
        if key in piece:
            _check_english(piece[key], f"{where} {key}")
    refs_fa = {
        int(n.translate(str.maketrans(_PERSIAN_DIGITS, "0123456789")))
        for n in _REF_FA.findall(piece["text_fa"])
    }
    refs_en = {int(n) for n in _REF_EN.findall(piece["text_en"])}
    assert refs_fa == refs_en, f"{where}: references differ between fa and en"
    assert refs_fa <= known, f"{where}: refers to missing articles {refs_fa - known}"


def _check_bylaw(articles: dict[int, dict], where: str) -> None:
    assert 24 <= len(articles) <= 33, f"{where}: {len(articles)} articles"
    with_notes = sum(1 for article in articles.values() if article["notes"])
    assert 0.35 <= with_notes / len(articles) <= 0.65, f"{where}: {with_notes} with notes"
    for number, article in articles.items():
        at = f"{where} article {number}"
        assert set(article) == _ARTICLE_KEYS, at
        assert article["number"] == number, at
        assert len(article["notes"]) <= 3, at
        _check_piece(article, at, set(articles))
        for index, note in enumerate(article["notes"], start=1):
            assert set(note) == _NOTE_KEYS, f"{at} note {index}"
            _check_piece(note, f"{at} note {index}", set(articles))


def _check_draft(draft: list[dict], where: str) -> None:
    assert 6 <= len(draft) <= 8, f"{where}: {len(draft)} chapters"
    assert [chapter["number"] for chapter in draft] == list(range(1, len(draft) + 1)), where
    numbers = [article["number"] for chapter in draft for article in chapter["articles"]]
    assert numbers == sorted(set(numbers)), f"{where}: article numbers not unique and increasing"
    assert 24 <= len(numbers) <= 32, f"{where}: {len(numbers)} articles"
    for chapter in draft:
        assert chapter["articles"], f"{where} chapter {chapter['number']} is empty"
        _check_persian(chapter["title_fa"], f"{where} chapter title", codes_allowed=False)
        _check_english(chapter["title_en"], f"{where} chapter title")
    _check_bylaw(_articles(draft), where)


def _differences() -> dict[int, str]:
    """Article number -> 'urban planning only' | 'planning and budget only' | 'changed'."""
    left, right = _articles(URBAN_PLANNING_DRAFT), _articles(PLANNING_BUDGET_DRAFT)
    kinds = {}
    for number in sorted(left.keys() | right.keys()):
        if number not in right:
            kinds[number] = "urban planning only"
        elif number not in left:
            kinds[number] = "planning and budget only"
        elif left[number] != right[number]:
            kinds[number] = "changed"
    return kinds


def _check_votes(decision: dict, where: str) -> None:
    votes = decision["votes"]
    assert set(votes) == set(_SEATS), where
    assert all(vote in ("yes", "no", "abstain", None) for vote in votes.values()), where
    present = [vote for vote in votes.values() if vote is not None]
    yes = present.count("yes")
    assert len(present) >= 2, f"{where}: no quorum"
    passed = yes >= 2 and yes * 2 > len(present)
    assert decision["outcome"] == ("adopted" if passed else "rejected"), f"{where}: votes"


def _check_decisions(merged: dict[int, dict]) -> None:
    assert 28 <= len(DECISIONS) <= 36, len(DECISIONS)
    adoption = ADOPTION["date"]
    assert _gregorian(adoption).weekday() != 4, "adoption on a Friday"
    dates = [decision["date"] for decision in DECISIONS]
    assert dates == sorted(set(dates)), "decisions not in strict date order"
    assert dates[0] >= "1404/01/20", "decisions before 1404/01/20"
    assert dates[-1] <= "1404/12/20", "decisions after 1404/12/20"
    before = sum(1 for date in dates if date < adoption)
    assert 0.25 <= before / len(dates) <= 0.4, f"{before} decisions before the adoption"
    for decision in DECISIONS:
        where = f"decision {decision['date']}"
        assert set(decision) == {
            "date",
            "kind",
            "subject_fa",
            "subject_en",
            "body_fa",
            "cites",
            "votes",
            "outcome",
        }, where
        assert decision["date"] != adoption, where
        assert _gregorian(decision["date"]).weekday() != 4, f"{where}: a Friday"
        assert decision["kind"] in _KINDS, where
        assert decision["outcome"] in ("adopted", "rejected"), where
        _check_persian(decision["subject_fa"], where, codes_allowed=True)
        _check_persian(decision["body_fa"], where, codes_allowed=True)
        _check_english(decision["subject_en"], where)
        _check_votes(decision, where)
        cites = decision["cites"]
        if decision["date"] < adoption:
            assert cites == [], f"{where}: cites a bylaw not yet in force"
            assert "ماده (" not in decision["body_fa"], f"{where}: names an article"
            continue
        assert 1 <= len(cites) <= 3, f"{where}: cites"
        assert len(set(cites)) == len(cites), f"{where}: repeated cite"
        for number, note in cites:
            assert number in merged, f"{where}: article {number} is not in the merged bylaw"
            assert note is None or 1 <= note <= len(merged[number]["notes"]), where
            assert f"({_to_persian_digits(number)})" in decision["body_fa"], where
            if number == 32:  # an appeal is heard by all three members
                assert None not in decision["votes"].values(), where


def self_check() -> None:
    _check_draft(URBAN_PLANNING_DRAFT, "urban planning draft")
    _check_draft(PLANNING_BUDGET_DRAFT, "planning and budget draft")
    for a, b in zip(URBAN_PLANNING_DRAFT, PLANNING_BUDGET_DRAFT, strict=True):
        assert (a["number"], a["title_fa"], a["title_en"]) == (
            b["number"],
            b["title_fa"],
            b["title_en"],
        ), "chapters differ between the drafts"

    differences = _differences()
    assert set(MERGE_CHOICES) == set(differences), "MERGE_CHOICES must cover each difference"
    kinds = list(differences.values())
    assert kinds.count("urban planning only") >= 3
    assert kinds.count("planning and budget only") >= 3
    assert kinds.count("changed") >= 6
    edited = 0
    for number, choice in MERGE_CHOICES.items():
        if isinstance(choice, dict):
            assert set(choice) == _EDITED_KEYS, f"merge choice {number}"
            edited += 1
        else:
            assert choice in ("left", "right"), f"merge choice {number}"
    assert 2 <= edited <= 3, edited

    merged = _merged_articles()
    _check_bylaw(merged, "merged bylaw")
    _check_decisions(merged)


def _summary() -> str:
    lines = []
    for name, draft in (
        ("urban planning", URBAN_PLANNING_DRAFT),
        ("planning and budget", PLANNING_BUDGET_DRAFT),
    ):
        articles = _articles(draft)
        notes = sum(len(article["notes"]) for article in articles.values())
        lines.append(
            f"{name} draft: {len(draft)} chapters, {len(articles)} articles, {notes} notes "
            f"on {sum(1 for a in articles.values() if a['notes'])} articles"
        )
    for number, kind in _differences().items():
        choice = MERGE_CHOICES[number]
        lines.append(
            f"  article {number}: {kind} -> {'edited' if isinstance(choice, dict) else choice}"
        )
    merged = _merged_articles()
    notes = sum(len(article["notes"]) for article in merged.values())
    lines.append(f"merged bylaw: {len(merged)} articles, {notes} notes")
    counts: dict[tuple[str, str], int] = {}
    for decision in DECISIONS:
        key = (decision["kind"], decision["outcome"])
        counts[key] = counts.get(key, 0) + 1
    lines.append(f"decisions: {len(DECISIONS)}")
    lines.extend(f"  {kind} {outcome}: {n}" for (kind, outcome), n in sorted(counts.items()))
    return "\n".join(lines)


if __name__ == "__main__":
    self_check()
    print(_summary())
