"""The names and words the synthetic corpus draws from: Arabic and English place and person
names, the core actors, outlets, tags, and how often each event type occurs."""

from __future__ import annotations

#: Name parts with their Arabic spelling, for places, groups and people.
ROOTS = [
    ("Rashid", "رشيد"), ("Karama", "كرامة"), ("Salam", "سلام"), ("Nasr", "نصر"),
    ("Furat", "فرات"), ("Jadida", "جديدة"), ("Hurriya", "حرية"), ("Amin", "أمين"),
    ("Zahra", "زهراء"), ("Qasim", "قاسم"), ("Hadi", "هادي"), ("Nahrain", "نهرين"),
    ("Mansour", "منصور"), ("Adhamiya", "أعظمية"), ("Karrada", "كرادة"), ("Jihad", "جهاد"),
    ("Bayaa", "بياع"), ("Dora", "دورة"), ("Shuala", "شعلة"), ("Husseiniya", "حسينية"),
    ("Taji", "تاجي"), ("Balad", "بلد"), ("Hit", "هيت"), ("Rutba", "رطبة"), ("Qaim", "قائم"),
    ("Tarmiya", "طارمية"), ("Yusufiya", "يوسفية"), ("Mahmudiya", "محمودية"),
    ("Latifiya", "لطيفية"), ("Iskandariya", "اسكندرية"), ("Suwaira", "صويرة"),
    ("Kut", "كوت"), ("Amara", "عمارة"), ("Nasiriya", "ناصرية"), ("Samawa", "سماوة"),
    ("Diwaniya", "ديوانية"), ("Hilla", "حلة"), ("Baquba", "بعقوبة"), ("Samarra", "سامراء"),
    ("Tikrit", "تكريت"), ("Baiji", "بيجي"), ("Sinjar", "سنجار"), ("Zubair", "زبير"),
    ("Qurna", "قرنة"), ("Fao", "فاو"), ("Khalis", "خالص"), ("Muqdadiya", "مقدادية"),
    ("Jalawla", "جلولاء"), ("Hawija", "حويجة"), ("Haditha", "حديثة"), ("Ana", "عانة"),
    ("Rawa", "راوة"), ("Habbaniya", "حبانية"), ("Mayadin", "ميادين"), ("Hajin", "هجين"),
    ("Shaddadi", "شدادي"), ("Jurf", "جرف"), ("Nukhaib", "نخيب"), ("Shaykh", "شيخ"),
    ("Zafaraniya", "زعفرانية"), ("Ghazaliya", "غزالية"), ("Shula", "شولة"), ("Kadhimiya", "كاظمية"),
    ("Mishkhab", "مشخاب"), ("Kufa", "كوفة"), ("Rumaitha", "رميثة"), ("Shatra", "شطرة"),
    ("Dujail", "دجيل"), ("Ishaqi", "اسحاقي"), ("Awja", "عوجة"), ("Hamdaniya", "حمدانية"),
]  # fmt: skip
GIVEN = [
    ("Ali", "علي"), ("Hussein", "حسين"), ("Qais", "قيس"), ("Hadi", "هادي"), ("Faleh", "فالح"),
    ("Ahmed", "أحمد"), ("Abbas", "عباس"), ("Haidar", "حيدر"), ("Mohammed", "محمد"),
    ("Akram", "أكرم"), ("Jaafar", "جعفر"), ("Karim", "كريم"), ("Hamid", "حميد"), ("Laith", "ليث"),
    ("Mustafa", "مصطفى"), ("Saad", "سعد"), ("Abu Fadak", "أبو فدك"), ("Abu Ali", "أبو علي"),
]  # fmt: skip
FAMILY = [
    ("al-Amiri", "العامري"), ("al-Khazali", "الخزعلي"), ("al-Kaabi", "الكعبي"),
    ("al-Maliki", "المالكي"), ("al-Fayyadh", "الفياض"), ("al-Zaidi", "الزيدي"),
    ("al-Asadi", "الأسدي"), ("al-Saadi", "الساعدي"), ("al-Hamdani", "الهمداني"),
    ("al-Mohammedawi", "المحمداوي"), ("al-Shammari", "الشمري"), ("al-Jubouri", "الجبوري"),
    ("al-Obeidi", "العبيدي"), ("al-Rubaie", "الربيعي"), ("al-Tamimi", "التميمي"),
]  # fmt: skip
COUNTRIES = [
    ("iraq", "Iraq", "العراق", 33.2, 43.7),
    ("syria", "Syria", "سوريا", 35.0, 38.5),
    ("jordan", "Jordan", "الأردن", 31.2, 36.5),
    ("kuwait", "Kuwait", "الكويت", 29.3, 47.5),
]
GOVERNORATES = [
    ("iraq", "Baghdad", "بغداد", 33.31, 44.36), ("iraq", "Basra", "البصرة", 30.51, 47.78),
    ("iraq", "Nineveh", "نينوى", 36.34, 43.13), ("iraq", "Anbar", "الأنبار", 33.42, 43.30),
    ("iraq", "Diyala", "ديالى", 33.75, 44.60), ("iraq", "Salahuddin", "صلاح الدين", 34.60, 43.68),
    ("iraq", "Kirkuk", "كركوك", 35.47, 44.39), ("iraq", "Babil", "بابل", 32.47, 44.42),
    ("iraq", "Karbala", "كربلاء", 32.60, 44.02), ("iraq", "Najaf", "النجف", 31.99, 44.33),
    ("iraq", "Wasit", "واسط", 32.50, 45.82), ("iraq", "Maysan", "ميسان", 31.84, 47.14),
    ("iraq", "Dhi Qar", "ذي قار", 31.04, 46.26), ("iraq", "Muthanna", "المثنى", 31.30, 45.30),
    ("iraq", "Qadisiyah", "القادسية", 31.98, 44.92), ("iraq", "Erbil", "أربيل", 36.19, 44.01),
    ("iraq", "Duhok", "دهوك", 36.87, 42.99), ("iraq", "Sulaymaniyah", "السليمانية", 35.56, 45.43),
    ("syria", "Deir ez-Zor", "دير الزور", 35.33, 40.14),
    ("syria", "Hasakah", "الحسكة", 36.50, 40.75), ("syria", "Raqqa", "الرقة", 35.95, 39.00),
    ("syria", "Homs", "حمص", 34.70, 36.70),
]  # fmt: skip
#: Kinds of place below a city: (kind, English pattern, Arabic pattern, share).
SUB_PLACES = [
    ("district", "Hay al-{}", "حي {}", 0.35),
    ("military-base", "Camp {}", "معسكر {}", 0.17),
    ("military-base", "{} Air Base", "قاعدة {} الجوية", 0.05),
    ("compound", "{} compound", "مجمع {}", 0.23),
    ("border-area", "{} border crossing", "منفذ {} الحدودي", 0.12),
    ("airport", "{} Airport", "مطار {}", 0.08),
]
#: (id, name, Arabic name, kind, parent), parents first.
CORE_ACTORS = [
    ("united-states", "United States", "الولايات المتحدة", "state", None),
    ("iran", "Iran", "إيران", "state", None),
    ("iraqi-government", "Iraqi government", "الحكومة العراقية", "government-body", None),
    ("us-forces-iraq", "US forces in Iraq", None, "military-unit", "united-states"),
    ("pentagon", "Pentagon", "البنتاغون", "government-body", "united-states"),
    ("us-state-department", "US State Department", None, "government-body", "united-states"),
    ("us-embassy-baghdad", "US embassy in Baghdad", None, "government-body", "us-state-department"),
    ("us-led-coalition", "US-led coalition", "التحالف الدولي", "international-organisation", None),
    ("irgc", "Islamic Revolutionary Guard Corps", "الحرس الثوري", "military-unit", "iran"),
    ("quds-force", "Quds Force", "فيلق القدس", "military-unit", "irgc"),
    ("popular-mobilisation-forces", "Popular Mobilisation Forces", "الحشد الشعبي", "armed-group",
     "iraqi-government"),
    ("kataib-hezbollah", "Kataib Hezbollah", "كتائب حزب الله", "armed-group",
     "popular-mobilisation-forces"),
    ("kataib-sayyid-al-shuhada", "Kataib Sayyid al-Shuhada", "كتائب سيد الشهداء", "armed-group",
     "popular-mobilisation-forces"),
    ("asaib-ahl-al-haq", "Asaib Ahl al-Haq", "عصائب أهل الحق", "armed-group",
     "popular-mobilisation-forces"),
    ("harakat-al-nujaba", "Harakat al-Nujaba", "حركة النجباء", "armed-group",
     "popular-mobilisation-forces"),
    ("iraqi-security-forces", "Iraqi security forces", "القوات الأمنية العراقية",
     "government-body", "iraqi-government"),
    ("iraqi-army", "Iraqi army", "الجيش العراقي", "military-unit", "iraqi-security-forces"),
    ("counter-terrorism-service", "Counter-Terrorism Service", "جهاز مكافحة الإرهاب",
     "military-unit", "iraqi-security-forces"),
    ("iraqi-intelligence", "Iraqi intelligence", "المخابرات العراقية", "government-body",
     "iraqi-government"),
    ("security-media-cell", "Security Media Cell", "خلية الإعلام الأمني", "government-body",
     "iraqi-security-forces"),
    ("iraqi-parliament", "Iraqi parliament", "مجلس النواب العراقي", "government-body", None),
    ("sadrist-movement", "Sadrist movement", "التيار الصدري", "political-movement", None),
    ("sabereen-news", "Sabereen News", "صابرين نيوز", "media", None),
]  # fmt: skip
US_SIDE = ["us-forces-iraq", "us-embassy-baghdad", "us-led-coalition", "united-states"]
IRAQI_SIDE = ["security-media-cell", "iraqi-security-forces", "iraqi-army", "iraqi-intelligence",
              "counter-terrorism-service", "iraqi-government"]  # fmt: skip
GROUP_PREFIXES = [
    ("Saraya", "سرايا"), ("Kataib", "كتائب"), ("Liwa", "لواء"), ("Usbat", "عصبة"),
    ("Harakat", "حركة"), ("Qabdat", "قبضة"), ("Ashab", "أصحاب"), ("Ahl", "أهل"),
]  # fmt: skip
OUTLETS = [
    ("AFP", "afp"), ("Reuters", "reuters"), ("AP", "ap"), ("Rudaw", "rudaw"),
    ("Shafaq News", "shafaq"), ("Kurdistan24", "kurdistan24"), ("Al-Monitor", "al-monitor"),
    ("The National", "the-national"), ("Al Jazeera", "al-jazeera"), ("Middle East Eye", "mee"),
    ("The Arab Weekly", "arab-weekly"), ("The Jerusalem Post", "jpost"), ("Xinhua", "xinhua"),
    ("Anadolu Agency", "anadolu"), ("Asharq Al-Awsat", "asharq-al-awsat"),
]  # fmt: skip
PUBLISHERS = ["Space Media Network", "Yahoo News", "France 24", "Arab News", "MSN"]
REPORTERS = ["Ammar Karim", "Jane Arraf", "Samya Kullab", "Ahmed Rasheed", "John Davison",
             "Lara Jakes", "Qassim Abdul-Zahra", "Maya Gebeily", "Sinan Mahmoud"]  # fmt: skip
TAGS = [
    "baghdad-airport", "green-zone", "civilian-casualties", "logistics-convoy", "us-embassy",
    "katyusha", "drones", "iraq-syria-border", "pmf", "strategic-dialogue", "troop-withdrawal",
    "elections", "contractors", "us-retaliation", "c-ram", "ain-al-asad", "balad-air-base",
    "erbil-airport", "front-groups", "truce", "sanctions", "kurdistan-region", "protests",
]  # fmt: skip
#: Event types with weights: attacks dominate a conflict chronology.
TYPES = [
    ("rocket-attack", 30), ("ied-attack", 15), ("drone-attack", 10), ("airstrike", 6),
    ("explosion", 4), ("interception", 5), ("thwarted-attack", 5), ("arrest-raid", 6),
    ("protest", 5), ("political", 5), ("diplomatic", 4), ("military-posture", 3),
    ("statement", 2),
]  # fmt: skip
ATTACKS = {"rocket-attack", "ied-attack", "drone-attack", "explosion", "interception",
           "thwarted-attack"}  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SAYERS = ["police said", "a security source said", "the army said", "officials told reporters",
          "the Security Media Cell said"]  # fmt: skip
GROUP_WORDS = {"civilians": "civilians", "iraqi_forces": "members of the Iraqi forces",
               "us_coalition": "coalition personnel", "contractors": "contractors",
               "militia": "militia members", "unspecified": "people"}  # fmt: skip
SPELLINGS = [("Kataib", "Kataeb"), ("Hay al-", "al-"), ("qa", "ka"), ("iya", "iyah"),
             ("Saraya", "Sarayat"), ("ou", "u"), ("Camp ", "Base "), ("ee", "i")]  # fmt: skip
MONTHS = ["", "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct",
          "Nov", "Dec"]  # fmt: skip
