"""Red-flag rules of the other languages: every file loads, and its examples hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clinical.other_languages import (
    RuleError,
    load_language,
    load_rules,
    red_flag_kinds,
)

LANGUAGES = sorted(load_rules())
RULES = [
    pytest.param(code, rule, id=f"{code}-{rule.kind}-{index}")
    for code in LANGUAGES
    for index, rule in enumerate(load_rules()[code].rules)
]
ORDINARY = [
    pytest.param(code, text, id=f"{code}-{index}")
    for code in LANGUAGES
    for index, text in enumerate(load_rules()[code].not_red_flags)
]


def test_the_ten_languages_of_the_clinic_have_rules() -> None:
    assert set(LANGUAGES) >= {
        "es",
        "pl",
        "ro",
        "pt",
        "it",
        "fr",
        "ar",
        "tr",
        "bn",
        "ur",
    }


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_covers_every_kind(code: str) -> None:
    kinds = {rule.kind for rule in load_rules()[code].rules}
    expected = {
        "self_harm",
        "chest_pain",
        "bladder_bowel",
        "saddle_numbness",
        "leg_weakness",
        "trauma",
        "fever",
    }
    assert expected <= kinds


@pytest.mark.parametrize("code,rule", RULES)
def test_each_rule_catches_its_example_in_the_whole_message(code, rule) -> None:
    assert rule.kind in red_flag_kinds(rule.example, code)


@pytest.mark.parametrize("code,text", ORDINARY)
def test_ordinary_messages_are_not_emergencies(code: str, text: str) -> None:
    assert red_flag_kinds(text, code) == ()


def test_a_broken_rule_fails_naming_the_file_and_the_rule(tmp_path: Path) -> None:
    broken = tmp_path / "xx.yml"
    broken.write_text(
        "language: xx\n"
        "red_flags:\n"
        "  fever:\n"
        "    - match: 'fiebre ...'\n"
        "      example: 'fiebre alta'\n"
        "    - match: 'calentura'\n"
        "      example: 'tengo fiebre'\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as raised:
        load_language(broken)
    message = str(raised.value)
    assert str(broken) in message
    assert "'fiebre ...'" in message and "must start and end with a word" in message
    assert "'calentura' does not match its example 'tengo fiebre'" in message


def test_accents_and_case_do_not_matter() -> None:
    assert red_flag_kinds("DESDE AYER NO PUEDO ORINAR", "es") == ("bladder_bowel",)
    assert red_flag_kinds("desde ayer no puedo orinár", "es") == ("bladder_bowel",)


def test_a_denial_just_before_the_symptom_sets_it_aside() -> None:
    assert red_flag_kinds("no tengo incontinencia", "es") == ()
    assert red_flag_kinds("tengo incontinencia", "es") == ("bladder_bowel",)


def test_a_denial_in_an_earlier_clause_does_not_hide_a_symptom() -> None:
    assert red_flag_kinds("no tengo fiebre, no puedo orinar desde ayer", "es") == (
        "bladder_bowel",
    )
    assert red_flag_kinds("nie mam gorączki, ale nie mogę oddać moczu", "pl") == (
        "bladder_bowel",
    )


# Phenomena added after the second blind set (sentences written for these tests,
# not taken from any blind set): third-person wishes to be dead, goodbyes and
# "ending everything", hoarded pills, trains and lorries, not waking up; wounds
# with pus; urine escaping by itself; legs giving way or weakening day by day;
# genitals or buttocks "as if someone else's"; an elderly relative's fall.
WISHES_WOUNDS_AND_FALLS = [
    ("es", "Mi hermano prefiere estar muerto que vivir así.", "self_harm"),
    ("es", "Encontré una caja de calmantes escondida debajo de su cama.", "self_harm"),
    ("es", "Mi marido dice que se va a tirar a las vías del tren.", "self_harm"),
    ("es", "Me acuesto deseando no despertarme nunca más.", "self_harm"),
    ("es", "si la infiltracion no funciona acabo con todo", "self_harm"),
    ("pl", "Mąż powiedział, że wjedzie autem pod ciężarówkę.", "self_harm"),
    ("pl", "Nogi z dnia na dzień coraz słabsze.", "leg_weakness"),
    ("ro", "Am găsit la mama o grămadă de pastile ascunse în sertar.", "self_harm"),
    ("ro", "Din cicatrice curge un lichid galben.", "fever"),
    ("pt", "Encontrei um monte de remédios escondidos na gaveta.", "self_harm"),
    ("pt", "A perna cedeu e eu caí no banheiro.", "leg_weakness"),
    ("it", "Mia nonna non vuole più vivere.", "self_harm"),
    ("it", "La pipì mi scappa da sola da lunedì.", "bladder_bowel"),
    ("fr", "Parfois je pense à me mettre devant un camion.", "self_harm"),
    ("fr", "Mes jambes s'affaiblissent de jour en jour.", "leg_weakness"),
    ("ar", "ساعات بفكر أرمي نفسي قدام القطر", "self_harm"),
    ("ar", "ما عدت أقدر أطلع الدرج، رجليي عم يضعفوا يوم عن يوم", "leg_weakness"),
    ("tr", "Bazen trenin altına atlamayı düşünüyorum.", "self_harm"),
    ("tr", "Annem merdivende kayarak düştü, beli çok ağrıyor.", "trauma"),
    ("bn", "আমার মা আর বাঁচতে চায় না।", "self_harm"),
    ("bn", "ami r bachte chai na", "self_harm"),
    ("ur", "شوہر نے کہا کہ وہ گاڑی ٹرک کے نیچے دے دے گا۔", "self_harm"),
    ("ur", "عضو تناسل میں کوئی احساس نہیں رہا۔", "saddle_numbness"),
]
# Past episodes that fully recovered and idioms of grief are not emergencies.
RECOVERED_PAST_AND_IDIOMS = [
    (
        "es",
        "En 2018 tuve retención de orina, me operaron y todo volvió a la normalidad.",
    ),
    ("pl", "Pięć lat temu straciłem siłę w nodze, ale w pełni wyzdrowiałem."),
    ("pt", "Há cinco anos perdi força na perna, fui operado e recuperei totalmente."),
    ("it", "Nel 2015 ho avuto una ritenzione, poi tutto è tornato normale."),
    (
        "fr",
        "Il y a cinq ans j'ai perdu la force dans la jambe, j'ai bien récupéré.",
    ),
    ("ro", "Mama scapă puțină urină când strănută, de la naștere."),
    ("ar", "قلبي مكسور على أمي، عندكم مواعيد؟"),
    ("ar", "أخي أصيب بجلطة قبل عشرين عاماً وهو الآن بصحة جيدة"),
]


# Phenomena added after the third blind set (sentences written for these tests):
# romanised Arabic, Bengali and Urdu (files `<language>-latn.yml`); wounds leaking;
# legs that no longer hold someone up; spoken Québécois falls ("j'peux pu");
# ants or needles around the back passage or inside the thighs; no feeling when
# washing after the toilet.
ROMANISED_AND_SCRIPT_GAPS = [
    ("ar-latn", "sadri m2abbad w el waja3 nazel 3a dra3i", "chest_pain"),
    ("ar-latn", "baba ma 3am y2dar yemshi mn embare7", "leg_weakness"),
    ("ar-latn", "mama 3emlet 3a 7alha bel serir w ma 7asset", "bladder_bowel"),
    ("ar-latn", "fi naml bel mo2a5ra w fakhdi mn jowa", "saddle_numbness"),
    ("ar-latn", "jesmi sa5en w el jer7 byenza meno", "fever"),
    ("ar-latn", "baddi a2tol 7ali, ma ba2a fiyye", "self_harm"),
    ("ar-latn", "wa2a3t mn 3al sellom w dahri maksour", "trauma"),
    ("bn-latn", "bukey chap lagche ar ghame jacchi", "chest_pain"),
    ("bn-latn", "abbur prosrab bondho hoye ache kal theke", "bladder_bowel"),
    ("bn-latn", "nitombe ar gopon jaygay obosh lagche", "saddle_numbness"),
    ("bn-latn", "hothat kore daranor shokti nai, darate parchi na", "leg_weakness"),
    ("bn-latn", "ammu bathroome pore geche, uthte parche na", "trauma"),
    ("bn-latn", "operationer jayga lal hoye fule geche", "fever"),
    ("bn-latn", "ar morte icche kore", "self_harm"),
    ("ur-latn", "seenay pe bojh sa hai aur saans phool rahi hai", "chest_pain"),
    ("ur-latn", "abbu ka pishab ruk gaya hai subah se", "bladder_bowel"),
    ("ur-latn", "chootar aur raanon me sunn pan hai", "saddle_numbness"),
    ("ur-latn", "ammi ki tangen jawab de gayi hain", "leg_weakness"),
    ("ur-latn", "abba chhat se gir gaye", "trauma"),
    ("ur-latn", "tanke se peep nikal rahi hai aur bukhar bhi hai", "fever"),
    (
        "ur-latn",
        "mujhe lagta hai main sab par bojh hoon, khudkushi ka sochta hoon",
        "self_harm",
    ),
    ("pl", "Blizna po operacji jest gorąca i zaczerwieniona.", "fever"),
    ("pl", "Spod opatrunku cały czas coś wycieka.", "fever"),
    ("ro", "Bunicul nu se mai poate ține pe picioare.", "leg_weakness"),
    ("fr", "Mon chum est tombé en bas du toit, y peut pu marcher.", "trauma"),
    ("ar", "كنحس بحال النمل فالترمة", "saddle_numbness"),
    ("tr", "Uyluklarımın iç kısmında iğne batıyor gibi.", "saddle_numbness"),
    ("ur", "مقعد کے ارد گرد چیونٹیاں سی رینگ رہی ہیں", "saddle_numbness"),
    ("it", "Quando mi pulisco con la carta non sento niente.", "saddle_numbness"),
]
# Look-alikes: treatment, prices, booking, chronic limits, denials, past episodes.
CHRONIC_LIMITS_AND_DENIALS = [
    ("ar-latn", "adesh se3r el ebre bel dahr? baddi a7joz"),
    ("ar-latn", "ma ba2dar amshi masafat tawile men waja3 dahri"),
    ("ar-latn", "2abl 5 sneen w2e3t 3a dahri, halla2 mni7"),
    ("bn-latn", "IDD therapy te koto din lage? appointment nite chai"),
    ("bn-latn", "prosrab e kono somossa nei, shudhu komore betha"),
    ("ur-latn", "kamar dard ki wajah se zyada der khada nahi ho sakta"),
    ("ur-latn", "seene me dard nahi hai, bas kamar me hai"),
    ("ur-latn", "do saal pehle gir gaya tha, ab theek hoon"),
    ("pl", "Od rana mam katar, leci mi z nosa."),
    ("ro", "Nu pot sta mult în picioare din cauza spatelui."),
    ("it", "Quando mi lavo i capelli sento dolore al collo."),
]


def test_romanised_files_answer_in_their_language() -> None:
    rules = load_rules()
    assert {code for code in rules if rules[code].romanised} >= {
        "ar-latn",
        "bn-latn",
        "ur-latn",
    }
    assert rules["ur-latn"].language == "ur" and rules["ur"].language == "ur"


# Fourth set's phenomena, in new words: a wound's signs named far from the wound,
# water or paper not felt "down there", veiled farewells (a goodbye with a decision
# taken), a leg weakening day by day, Maghrebi and Gulf Arabizi.
FAREWELLS_AND_WOUND_SIGNS = [
    (
        "es",
        "La cicatriz de la cirugía lumbar de la semana pasada está hinchada y roja.",
        "fever",
    ),
    (
        "pt",
        "A ferida da cirurgia das costas está a deitar um líquido esverdeado.",
        "fever",
    ),
    (
        "it",
        "La ferita dell'intervento, dopo una settimana, è calda e arrossata.",
        "fever",
    ),
    ("fr", "Ma plaie au dos, opérée lundi dernier, est chaude et enflée.", "fever"),
    ("ro", "Cicatricea de la operatia de hernie e umflata si fierbinte.", "fever"),
    ("pl", "Blizna po zabiegu na kręgosłupie jest opuchnięta i gorąca.", "fever"),
    (
        "es",
        "Mi madre dice que en la ducha no nota el agua en las nalgas.",
        "saddle_numbness",
    ),
    (
        "pt",
        "Ela diz que não sente o papel quando se limpa, nem a água no bumbum.",
        "saddle_numbness",
    ),
    (
        "it",
        "Mio marito non sente più l'acqua tra le gambe quando si lava.",
        "saddle_numbness",
    ),
    (
        "fr",
        "Elle a des picotements tout autour des fesses depuis hier.",
        "saddle_numbness",
    ),
    ("ro", "Sotia mea nu mai simte apa pe fund cand face dus.", "saddle_numbness"),
    ("pl", "Mama mówi, że nie czuje strumienia wody w kroczu.", "saddle_numbness"),
    (
        "pt",
        "O meu pai diz que as pernas parecem de gelatina e tropeça a toda a hora.",
        "leg_weakness",
    ),
    ("it", "Ho le gambe di gomma da due giorni.", "leg_weakness"),
    ("tr", "Babamın dizleri boşalıyor, ayakları zayıfladı.", "leg_weakness"),
    ("es", "Me despido de todos vosotros. Lo tengo decidido.", "self_harm"),
    ("pt", "Venho despedir-me. Está tudo em ordem, não se preocupem.", "self_harm"),
    (
        "it",
        "Vi scrivo per congedarmi, ho sistemato tutto e vi saluto per sempre.",
        "self_harm",
    ),
    (
        "fr",
        "Je voulais vous faire mes adieux. Tout est réglé de mon côté.",
        "self_harm",
    ),
    ("ro", "Imi iau ramas bun de la voi. Am hotarat.", "self_harm"),
    ("pl", "Piszę, żeby się pożegnać. Podjąłem decyzję.", "self_harm"),
    ("tr", "Elveda hocam, kararımı verdim.", "self_harm"),
    ("ar-latn", "fi t9al f sadri w ma kan9derch ntneffes", "chest_pain"),
    ("ar-latn", "reglaya ba2et da3eefa w ma a2dar atla3 el salalem", "leg_weakness"),
    ("ar-latn", "el manta2a el ta7tania kollaha mnamla", "saddle_numbness"),
    ("ar-latn", "ibni 3ando so5onia men embare7", "fever"),
    ("ur-latn", "abbu ka peshab pe qaboo nahi raha", "bladder_bowel"),
    ("ur-latn", "sab ka shukriya, khuda hafiz hamesha ke liye", "self_harm"),
    ("bn-latn", "amar ar bachte chai na", "self_harm"),
]
# Look-alikes: a report's negative finding, a patient leaving cured, a goodbye.
REPORTS_AND_GOODBYES = [
    ("es", "El informe dice: sin signos de compresión ni de síndrome de cauda equina."),
    ("pt", "O laudo diz 'sem sinais de compressão da cauda equina', é bom?"),
    ("it", "Nel referto: nessun segno di sindrome della cauda equina."),
    ("es", "Quería despedirme y daros las gracias, ya estoy curado."),
    ("it", "Volevo salutarvi e ringraziarvi, mi trasferisco a Milano."),
    ("fr", "Je voulais vous dire au revoir, je rentre en France le mois prochain."),
    ("pl", "Chciałam się pożegnać, wracam do Polski po leczeniu."),
    ("ro", "Vreau sa-mi iau ramas bun, ma intorc in Romania, multumesc."),
    ("es", "¿Es normal que la herida pique un poco?"),
]


# Every phenomenon above, in the words written for these tests.
@pytest.mark.parametrize(
    "code,text,kind",
    [*WISHES_WOUNDS_AND_FALLS, *ROMANISED_AND_SCRIPT_GAPS, *FAREWELLS_AND_WOUND_SIGNS],
)
def test_phenomena_in_new_words_are_caught(code: str, text: str, kind: str) -> None:
    assert kind in red_flag_kinds(text, code)


@pytest.mark.parametrize(
    "code,text",
    [*RECOVERED_PAST_AND_IDIOMS, *CHRONIC_LIMITS_AND_DENIALS, *REPORTS_AND_GOODBYES],
)
def test_look_alikes_in_new_words_are_not_emergencies(code: str, text: str) -> None:
    assert red_flag_kinds(text, code) == ()


def test_an_and_rule_needs_every_phrase_and_dollar_ends_a_sentence() -> None:
    rules = load_rules()["it"]
    assert rules.red_flag_kinds("Volevo salutarvi. Ho deciso.") == ("self_harm",)
    assert rules.red_flag_kinds("Volevo salutarvi.") == ()
    assert rules.red_flag_kinds("Ho deciso di operarmi. Volevo salutarvi.") == ()


@pytest.fixture
def lexicon_rules(tmp_path: Path):
    """A small language file whose rule pairs two concepts in one sentence."""
    path = tmp_path / "xx.yml"
    path.write_text(
        "language: xx\n"
        "lexicons:\n"
        "  SADDLE: 'culo|nalgas|entre_las_piernas|partes*'\n"
        "  NUMB: 'dormid*|no_siento|no_se_siente'\n"
        "negations: ['sin']\n"
        "red_flags:\n"
        "  saddle_numbness:\n"
        "    - match: '@SADDLE + @NUMB|acorchad*'\n"
        "      example: 'tengo dormida la zona de entre las piernas'\n",
        encoding="utf-8",
    )
    return load_language(path)


def test_a_together_rule_pairs_its_concepts_in_one_sentence_in_any_order(
    lexicon_rules,
) -> None:
    assert lexicon_rules.red_flag_kinds(
        "las nalgas y las partes, desde hoy las tiene dormidas"
    ) == ("saddle_numbness",)
    assert lexicon_rules.red_flag_kinds("no siento el culo") == ("saddle_numbness",)
    # the lexicon's extra alternative after `|` counts too
    assert lexicon_rules.red_flag_kinds("culo acorchado") == ("saddle_numbness",)


def test_a_together_rule_needs_every_concept_in_the_same_sentence(
    lexicon_rules,
) -> None:
    assert lexicon_rules.red_flag_kinds("me duele el culo. la mano dormida.") == ()
    assert lexicon_rules.red_flag_kinds("me duele el culo") == ()
    # a denial just before one of the concepts sets the whole rule aside
    assert lexicon_rules.red_flag_kinds("culo sin dormidas") == ()


def test_an_unknown_lexicon_fails_naming_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "xx.yml"
    path.write_text(
        "language: xx\n"
        "red_flags:\n"
        "  fever:\n"
        "    - match: '@FEVER'\n"
        "      example: 'fiebre'\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="unknown lexicon '@FEVER'"):
        load_language(path)


# Fourteenth set's phenomena, in new words (sentences written for these tests, not
# taken from the set): retention said in Banglish ("lagse kintu kisui ber hoy na")
# and Bengali; cutting oneself with a blade; Pothwari and Punjabi legs (لتاں) and
# getting up from the bed (منجی توں اٹھ نیں سکدی); an urge to swallow all the pills
# at once; a fall from scaffolding, a ladder or a roof in Roman Urdu.
RETENTION_CUTTING_DIALECT_FALLS = [
    ("bn-latn", "ammur prosab atke geche sokal theke, pet fule ache", "bladder_bowel"),
    (
        "bn-latn",
        "babar peshab er beg ache kintu ek fota o ber hocche na",
        "bladder_bowel",
    ),
    (
        "bn-latn",
        "amar prosrab pay kintu hoy na, pet ta tight hoye ache",
        "bladder_bowel",
    ),
    ("bn", "প্রস্রাবের বেগ আছে কিন্তু কিছুই বের হয় না", "bladder_bowel"),
    ("bn", "মায়ের পেশাব আটকে গেছে, পেট ফুলে আছে", "bladder_bowel"),
    ("bn", "কষ্ট সহ্য না হলে ছুরি দিয়ে হাতে কাটি", "self_harm"),
    ("bn", "গতকাল রাতে ব্লেড দিয়ে কবজি কেটে ফেলেছি", "self_harm"),
    ("bn", "মেয়েটা লুকিয়ে রেজার দিয়ে উরুতে কাটছে", "self_harm"),
    (
        "bn-latn",
        "kew jane na, blade diye hate kati jokhon betha ar shojjo hoy na",
        "self_harm",
    ),
    ("bn-latn", "kal rate razor diye kobji kete felechi", "self_harm"),
    ("bn-latn", "amar meye lukiye blade diye hate katche", "self_harm"),
    ("ur", "ابا جی دیاں دونوں لتاں اج صبح توں کمزور ہو گئیاں نیں", "leg_weakness"),
    ("ur", "میری سجی لت وچ جان نیں رہی", "leg_weakness"),
    ("ur", "امی منجی توں اٹھ نیں سکدیاں", "leg_weakness"),
    ("ur", "ابو کل توں ٹر نیں سکدے", "leg_weakness"),
    ("ur", "جی کرتا ہے ساری نیند کی گولیاں ایک ساتھ کھا لوں", "self_harm"),
    ("ur", "دل کردا اے سب دوائیاں کھا کے مر جاواں", "self_harm"),
    ("ur", "کبھی کبھی دل چاہتا ہے پورا پتہ گولیوں کا نگل لوں", "self_harm"),
    ("ur-latn", "dil karda ae saariyan goliyan ikatthiyan kha lawan", "self_harm"),
    ("ur", "میرا پتر کوٹھے توں ڈگ پیا، کمر وچ بڑی پیڑ اے", "trauma"),
    ("ur-latn", "abbu ladder se gir gaye, kamar mein shadeed dard hai", "trauma"),
    ("ur-latn", "mera bhai roof se neeche gir gaya", "trauma"),
    ("ur-latn", "chacha scaffolding se slip ho gaye aur neeche aa gire", "trauma"),
    ("ur-latn", "beta kothe ton digg pya, uth nahi sakda", "trauma"),
]
# Look-alikes: an ordinary question about urine, a cake or a beard cut, an
# accidental cut, an addiction (لت), standing long, a fall years ago now healed, a
# phone that fell, a question about a dose, pills one is tired of.
RETENTION_CUTTING_DIALECT_LOOK_ALIKES = [
    ("bn-latn", "peshab er test ta kothay korbo? report kobe dibe?"),
    ("bn-latn", "peshab lage kintu jala hoy na, shudhu komore betha"),
    ("bn-latn", "bondhur birthday te churi diye cake katlam, hate ektu betha"),
    ("bn", "প্রস্রাবের পরীক্ষার জন্য কি খালি পেটে আসতে হবে?"),
    ("bn", "বন্ধুর জন্মদিনে ছুরি দিয়ে কেক কাটলাম, হাতে একটু ব্যথা"),
    ("bn", "ব্লেড দিয়ে দাড়ি কাটি, হাতের কব্জিতে ব্যথা করে"),
    ("bn", "সবজি কাটতে গিয়ে ছুরিতে হাত কেটে গেছে, সেলাই লাগবে?"),
    ("ur", "سگریٹ دی لت نے بڑا کمزور کر دتا اے"),
    ("ur", "بہتا چر کھلو نیں سکدا، کمر پیڑ کردی اے"),
    ("ur", "دو سال پہلے پوڑی توں ڈگ پیا سی، ہن بالکل ٹھیک آں"),
    ("ur", "کیا میں صبح کی ساری گولیاں ایک ساتھ کھا سکتا ہوں؟"),
    ("ur", "دل کرتا ہے ساری دوائیاں چھوڑ دوں، کھا کھا کے تھک گیا ہوں"),
    ("ur", "رات کو ساری گولیاں کھا کے سو جاتی ہوں پھر بھی درد رہتا ہے"),
    ("ur", "۲۰۱۶ میں بائیک سے گرا سی، اب بالکل ٹھیک ہوں"),
    ("ur-latn", "5 saal pehle ladder se gir gaya tha, ab bilkul theek hoon"),
    ("ur-latn", "mera phone roof se gir gaya, screen toot gayi"),
    ("ur-latn", "kya main saari goliyan ek saath kha sakta hoon?"),
]


@pytest.mark.parametrize("code,text,kind", RETENTION_CUTTING_DIALECT_FALLS)
def test_fourteenth_sets_phenomena_in_new_words_are_caught(
    code: str, text: str, kind: str
) -> None:
    assert kind in red_flag_kinds(text, code)


@pytest.mark.parametrize("code,text", RETENTION_CUTTING_DIALECT_LOOK_ALIKES)
def test_fourteenth_sets_look_alikes_are_not_emergencies(code: str, text: str) -> None:
    assert red_flag_kinds(text, code) == ()


# Fifteenth set's concepts, in new words (sentences written for these tests, not
# taken from the set). Emergencies that must stay caught: a report's denial quoted
# in English with the symptom in a sentence of its own; a fever after an injection,
# told after a fever denied or called flu; a past operation or year, the new
# symptom today; shame said before incontinence; a parent who cannot hold urine
# (Banglish); a prayer to be taken and alive only for the children.
FIFTEENTH_SETS_EMERGENCIES = [
    # concept 1: a report's denial in English and the symptom in another sentence
    (
        "es",
        "La carta decía 'no evidence of cauda equina'. Pero desde ayer no puedo "
        "orinar.",
        "bladder_bowel",
    ),
    (
        "pt",
        "O relatório dizia 'no signs of cauda equina'. Desde ontem não consigo fazer "
        "xixi.",
        "bladder_bowel",
    ),
    (
        "tr",
        "Raporda 'no evidence of cauda equina' yazıyordu. Ama dünden beri idrar "
        "yapamıyorum.",
        "bladder_bowel",
    ),
    (
        "es",
        "el informe decía 'no evidence of cauda equina' pero desde ayer no puedo "
        "orinar",
        "bladder_bowel",
    ),
    # a resolution said before "but ..." in the same sentence
    (
        "fr",
        "L'infiltration c'est bien passé mais depuis hier j'ai 39 de fièvre.",
        "fever",
    ),
    (
        "pt",
        "A operação correu tudo bem mas agora não sinto as pernas.",
        "leg_weakness",
    ),
    (
        "pl",
        "Nie jestem już zdrowa, od rana nie mogę oddać moczu.",
        "bladder_bowel",
    ),
    # concept 2: a fever after an injection, or a denial in the past then a change
    (
        "pl",
        "Wczoraj zastrzyk, gorączki nie miałam, ale dziś rano 39 i trzęsie mną.",
        "fever",
    ),
    ("tr", "Dün iğne oldum, bugün ateşim 38,5 ve titreme var.", "fever"),
    (
        "bn",
        "কাল ইনজেকশন নিলাম, জ্বর টর ছিল না, কিন্তু আজ সকাল থেকে খুব জ্বর আর কাঁপুনি।",
        "fever",
    ),
    ("ur", "کل انجکشن لگا تھا، آج بخار 102 ہے اور کپکپی ہو رہی ہے۔", "fever"),
    # concept 3: a past operation or year, the new symptom today or in its own sentence
    (
        "es",
        "Hace veinte años me operaron de la espalda y desde esta mañana no puedo "
        "orinar.",
        "bladder_bowel",
    ),
    (
        "ro",
        "Tata a cazut azi de pe scara si a ramas paralizat, nu-si simte picioarele.",
        "leg_weakness",
    ),
    (
        "pt",
        "Fui operado em 2010 e ficou tudo bem. Desde ontem não consigo fazer xixi.",
        "bladder_bowel",
    ),
    (
        "fr",
        "L'an dernier j'ai été opéré du dos et depuis hier je ne peux plus uriner.",
        "bladder_bowel",
    ),
    (
        "ur",
        "آپریشن 2018 میں ہوا تھا۔ آج صبح سے دونوں ٹانگیں سن ہیں اور پیشاب نہیں آ رہا۔",
        "bladder_bowel",
    ),
    (
        "bn",
        "২০১৫ সালে অপারেশন হয়েছিল। আজ সকাল থেকে প্রস্রাব আটকে গেছে।",
        "bladder_bowel",
    ),
    # concept 4: a fever after an injection that someone calls flu (the cold said after)
    (
        "es",
        "Desde la infiltración tengo fiebre de 38,9 y escalofríos, mi mujer dice que "
        "es un resfriado.",
        "fever",
    ),
    (
        "fr",
        "Depuis l'infiltration j'ai 39 de fièvre et des frissons, mon mari dit que "
        "c'est la grippe.",
        "fever",
    ),
    (
        "it",
        "Da ieri ho la febbre a 39 dopo l'infiltrazione, forse è influenza.",
        "fever",
    ),
    ("pl", "Od wczoraj gorączka 39 po zastrzyku, myślę że to grypa.", "fever"),
    # being ashamed is how incontinence is often told: no idiom sets it aside
    (
        "es",
        "Me muero de vergüenza al contarlo pero desde ayer me hago pis encima sin "
        "darme cuenta.",
        "bladder_bowel",
    ),
    (
        "fr",
        "Je meurs de honte de vous le dire, mais depuis hier je fais pipi sans m'en "
        "rendre compte.",
        "bladder_bowel",
    ),
    (
        "ro",
        "Mor de rușine să vă spun, dar de ieri nu mai pot ține urina.",
        "bladder_bowel",
    ),
    # the fifteenth set's misses: a parent who cannot hold urine (Banglish), a prayer
    # to be taken and alive only for the children (Sylheti), in other words
    (
        "bn-latn",
        "nanu aj sokal theke paikhana atkate parche na, bujhteo pare na kokhon hoy",
        "bladder_bowel",
    ),
    ("bn-latn", "ammu peshab atkaite parena, emni emni beriye jay", "bladder_bowel"),
    ("bn", "রোজ রাতে আল্লাহরে কই আমারে তুইলা নেও, আর পারি না।", "self_harm"),
    ("bn", "ব্যথায় আর পারি না, খালি পোলাপানের লাইগা বাইচা আছি।", "self_harm"),
    ("bn", "শুধু বাচ্চাদের জন্য বেঁচে আছি, না হলে কবেই চলে যেতাম।", "self_harm"),
    (
        "pt",
        "Só estou viva por causa dos meus filhos, já não aguento esta dor.",
        "self_harm",
    ),
    ("it", "Solo i miei figli mi tengono in vita, non ce la faccio più.", "self_harm"),
    ("pl", "Żyję już tylko dla dzieci, ten ból mnie wykańcza.", "self_harm"),
    ("ar", "بعيش بس علشان بناتي، والله تعبت.", "self_harm"),
    ("ur", "بس بچوں کی خاطر زندہ ہوں، یہ درد اب برداشت نہیں ہوتا۔", "self_harm"),
]
# Look-alikes: a sore injection site with the fever denied after it (Polish,
# Silesian, Turkish, Bengali, Urdu); a relative's old injury, a year said in words
# or with a case ending, a deficit the surgeon knows of and that has not changed,
# a fever or flu that is over; a child's cold, a cold with a little fever; idioms
# (dying of boredom, would rather die than have the operation again, a strike on
# the underground); look-alikes of the new self-harm rules.
FIFTEENTH_SETS_LOOK_ALIKES = [
    # concept 2: a sore injection site, the fever denied after it
    (
        "pl",
        "Wczoraj miałam zastrzyk, miejsce trochę boli i jest siniak, ale gorączki "
        "nie mam i chodzę normalnie.",
    ),
    ("pl", "Po zastrzyku trochę boli, gorączki niy mom, nogi mocne."),
    (
        "tr",
        "Dün enjeksiyon oldum, iğne yeri biraz ağrıyor ve morardı, ateşim de yok, "
        "rahat yürüyorum.",
    ),
    ("bn", "গতকাল ইনজেকশন নিয়েছি, জায়গাটা একটু ব্যথা, জ্বর কিছু নেই, হাঁটতে পারছি।"),
    ("ur", "کل انجکشن لگا تھا، جگہ پر تھوڑا درد ہے، بخار کچھ نہیں، ٹھیک چل رہا ہوں۔"),
    # concept 3: long ago and well again, a relative's old injury, a known deficit
    (
        "es",
        "Mi padre tuvo un accidente de moto hace unos quince años, lo operaron y "
        "quedó bien.",
    ),
    (
        "es",
        "Mi abuelo quedó paralítico hace treinta años tras caerse de un andamio, ¿la "
        "hernia es hereditaria?",
    ),
    (
        "ro",
        "Bunicul a rămas paralizat după un accident din 87, de aceea mă tem de "
        "operație.",
    ),
    ("pt", "O meu avô caiu de um muro e partiu a coluna, mas ficou bom."),
    ("pt", "Em dois mil e doze caí das escadas e parti o cóccix, ficou tudo bem."),
    (
        "it",
        "Nel duemila e quindici ho avuto un dolore al petto, esami del cuore tutti a "
        "posto.",
    ),
    (
        "fr",
        "L'an dernier j'ai eu une grosse sciatique, je ne pouvais plus marcher "
        "pendant dix jours, mais c'est complètement passé.",
    ),
    (
        "fr",
        "Mon père est tombé d'un toit, une vertèbre cassée, c'est bien consolidé "
        "maintenant.",
    ),
    ("fr", "Est-ce qu'une hernie discale peut paralyser quelqu'un ?"),
    (
        "ur",
        "میرے پاؤں کا انگوٹھا آپریشن کے بعد سے سن ہے، ڈاکٹر کو پتہ ہے، نہ بڑھا نہ "
        "گھٹا۔",
    ),
    ("bn", "২০১৯-এ অপারেশনের পর থেকে পায়ের আঙুলে একটু অবশ ভাব, সার্জন জানেন।"),
    (
        "pl",
        "Mój dziadek, świeć Panie nad jego duszą, po wypadku chodził o lasce do "
        "śmierci.",
    ),
    ("pl", "W zeszłym tygodniu miałam gorączkę, już minęła, antybiotyk skończony."),
    ("es", "Mi hija tiene catarro y algo de fiebre, ¿puedo llevarla a mi cita?"),
    ("tr", "Geçen hafta nezle oldum, biraz ateşim vardı, geçti."),
    # concept 4: idioms, a child's cold, a cold with a little fever, running late
    ("es", "Me quiero morir del aburrimiento en esta sala de espera jaja"),
    ("ro", "Băiatul meu a răcit și are puțină febră, pot veni cu el la programare?"),
    (
        "fr",
        "Ma fille a un rhume et un peu de fièvre, je peux l'amener au rendez-vous de "
        "jeudi ?",
    ),
    (
        "it",
        "Mio figlio ha il raffreddore e un po' di febbre, posso portarlo con me "
        "all'appuntamento?",
    ),
    ("tr", "Oğlum nezle olmuş, biraz ateşi var, randevuya onu da getirebilir miyim?"),
    ("bn", "আমার মেয়ের সর্দি আর একটু জ্বর, ওকে সাথে আনতে পারি?"),
    ("ur", "میری بیٹی کو زکام اور ہلکا سا بخار ہے، کیا اسے ساتھ لا سکتی ہوں؟"),
    (
        "es",
        "Tengo un resfriado con un poco de fiebre, no me han pinchado nada, ¿cambio "
        "la cita?",
    ),
    ("es", "Hay huelga de metro y voy a llegar tarde a fisio."),
    (
        "it",
        "Mio marito dice che preferirebbe morire piuttosto che rifare l'operazione.",
    ),
    # the new self-harm rules' look-alikes
    ("pt", "Só vim à consulta por causa dos meus filhos, eles insistiram."),
    ("it", "Vivo da sola, posso venire solo per le sedute del pomeriggio."),
    ("ar", "انا عايشة لحالي، بس عشان هيك بدي موعد الصبح."),
    ("bn", "আল্লাহর রহমতে অপারেশনের পর ভালো আছি, আপনাদের ধন্যবাদ।"),
    ("bn-latn", "abbu bole kichu hoy nai, emni emni komor betha kore, thik hoye jabe"),
]
# A term question about "cauda equina" in a letter whose denial is quoted in English
# ("no evidence of cauda equina", "cauda equina syndrome ruled out"): the English
# finding is set aside; not when the writer says it may be cauda equina after all.
FIFTEENTH_SETS_REPORTS_AND_TERM_QUESTIONS = [
    (
        "es",
        "Me llegó una carta del hospital que dice 'no evidence of cauda equina'. "
        "¿Qué significa exactamente cauda equina?",
    ),
    (
        "pt",
        "No relatório diz 'no signs of cauda equina syndrome'. O que significa "
        "exactamente cauda equina?",
    ),
    (
        "it",
        "Nel referto c'è scritto 'cauda equina syndrome excluded'. Che significa di "
        "preciso cauda equina?",
    ),
    (
        "it",
        "Nella lettera c'è scritto 'nessun segno di cauda equina'. Cosa vuol dire "
        "esattamente cauda equina?",
    ),
    (
        "fr",
        "Dans la lettre de l'hôpital il y a écrit 'no evidence of cauda equina'. Que "
        "veut dire cauda equina ?",
    ),
    ("ar", "في التقرير مكتوب no evidence of cauda equina. ايش معنى cauda equina؟"),
    (
        "tr",
        "Raporda 'cauda equina syndrome excluded' yazıyor. Cauda equina ne anlama "
        "geliyor?",
    ),
    (
        "pl",
        "W liście ze szpitala: 'cauda equina syndrome ruled out'. Co to znaczy cauda "
        "equina?",
    ),
    (
        "ro",
        "Pe raport scrie 'cauda equina syndrome ruled out'. Ce inseamna exact cauda "
        "equina?",
    ),
    (
        "bn",
        "হাসপাতালের চিঠিতে লেখা 'no evidence of cauda equina'। cauda equina মানে কী?",
    ),
    ("ur", "رپورٹ میں لکھا ہے cauda equina syndrome ruled out۔ اس کا کیا مطلب ہے؟"),
    ("pt", "No laudo diz 'sem sinais de cauda equina'. oq significa cauda equina?"),
    ("tr", "Raporda 'no evidence of cauda equina' yazıyor. Cauda equina ne demek?"),
    (
        "pl",
        "W wypisie: 'no evidence of cauda equina'. Co właściwie znaczy cauda equina?",
    ),
]
FIFTEENTH_SETS_TERM_ALSO_MEANT = [
    (
        "es",
        "La carta decía 'no evidence of cauda equina'. Ahora creo que tengo cauda "
        "equina, no puedo orinar.",
    ),
    (
        "pt",
        "O relatório diz 'no signs of cauda equina'. Mas agora acho que é mesmo "
        "cauda equina.",
    ),
    (
        "es",
        "El informe decía 'no evidence of cauda equina' pero ahora creo que tengo "
        "cauda equina, no puedo orinar.",
    ),
]


@pytest.mark.parametrize("code,text,kind", FIFTEENTH_SETS_EMERGENCIES)
def test_fifteenth_sets_emergencies_in_new_words_are_caught(
    code: str, text: str, kind: str
) -> None:
    assert kind in red_flag_kinds(text, code)


@pytest.mark.parametrize("code,text", FIFTEENTH_SETS_LOOK_ALIKES)
def test_fifteenth_sets_look_alikes_are_not_emergencies(code: str, text: str) -> None:
    assert red_flag_kinds(text, code) == ()


@pytest.mark.parametrize("code,text", FIFTEENTH_SETS_REPORTS_AND_TERM_QUESTIONS)
def test_a_quoted_english_denial_and_a_term_question_set_aside_the_term(
    code: str, text: str
) -> None:
    assert load_rules()[code].dismisses(text, "cauda equina")


@pytest.mark.parametrize("code,text", FIFTEENTH_SETS_TERM_ALSO_MEANT)
def test_the_term_meant_in_another_sentence_is_not_set_aside(
    code: str, text: str
) -> None:
    assert not load_rules()[code].dismisses(text, "cauda equina")
