"""The programme area's 15 NUTS-3 regions (Interreg V-A Romania–Bulgaria), the
one list that news, the directory and the translation glossary share."""

# (NUTS-3 code, country, bg, ro, en)
NUTS3_REGIONS = (
    ("BG311", "BG", "Видин", "Vidin", "Vidin"),
    ("BG312", "BG", "Монтана", "Montana", "Montana"),
    ("BG313", "BG", "Враца", "Vrața", "Vratsa"),
    ("BG314", "BG", "Плевен", "Pleven", "Pleven"),
    ("BG321", "BG", "Велико Търново", "Veliko Tărnovo", "Veliko Tarnovo"),
    ("BG323", "BG", "Русе", "Ruse", "Ruse"),
    ("BG325", "BG", "Силистра", "Silistra", "Silistra"),
    ("BG332", "BG", "Добрич", "Dobrici", "Dobrich"),
    ("RO223", "RO", "Констанца", "Constanța", "Constanța"),
    ("RO312", "RO", "Кълъраш", "Călărași", "Călărași"),
    ("RO314", "RO", "Гюргево", "Giurgiu", "Giurgiu"),
    ("RO317", "RO", "Телеорман", "Teleorman", "Teleorman"),
    ("RO411", "RO", "Долж", "Dolj", "Dolj"),
    ("RO413", "RO", "Мехединци", "Mehedinți", "Mehedinți"),
    ("RO414", "RO", "Олт", "Olt", "Olt"),
)
