"""PERSON recognition: bylines, role + name, name + role, name + speech verb, lists.

Han names are a surname from jionlp's 百家姓 inventory plus one or two
characters; Mongolian and other transliterated names are runs of
transliteration characters.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.cache import cached_data
from kg.pipeline.candidates import candidates_of, doc_text
from kg.pipeline.serialize import SerializableComponent
from kg.rules.families import Candidate, family
from kg.rules.lexicon import (
    CJK,
    CJK_RE,
    HAN_RE,
    alternation,
    idioms,
    is_common,
    is_verb,
    role_words,
    word_idf,
    word_list,
    word_pos,
    word_set,
)
from kg.rules.units import PROVINCE, VILLAGE, unit_chars
from kg.text import occurrences

# One family per way a name is found (the third field of what _propose yields).
FAMILIES = {rule: family("zhkg.people:" + rule)
            for rule in ("byline", "role", "name-role", "speech", "list", "dotted")}

BYLINE_ROLES = ("本报记者", "特约记者", "见习记者", "实习记者", "记者", "通讯员", "实习生")
SPEECH_VERBS = word_list("speech_verbs")
# What may follow a name: punctuation, particles, and the verbs that open a predicate.
_AFTER_NAME = re.compile(
    r"^(?:[\s,，。、；;：:！!？?“”\"（(）)]|$|的|在|和|与|等|也|就|正|是|拿|接|举|带|将|把|对|向|"
    r"为|从|已|都|又|还|便|才|牵|主|组|领|积|率|多|每|通|给|笑|一|这|那|用|家的|\d{1,3}岁|不|没|未|同|跟|"
    # a pair named together: 毛晓文、毛谷华|姐弟
    r"姐弟|兄弟|姐妹|兄妹|夫妇|夫妻|父子|父女|母子|母女|"
    + alternation(SPEECH_VERBS) + r")")
_PUNCTUATION_AFTER = re.compile(r"[\s,，。、；;：:！!？?“”\"（(）)]|$")
_SPEECH = re.compile(alternation(SPEECH_VERBS))
_BYLINE = re.compile(f"(?:{alternation(BYLINE_ROLES)})[ \\u00a0\\u3000]*")
_BYLINE_SEPARATOR = re.compile("[ \u00a0\u3000、]+")
_BYLINE_NAME = re.compile(rf"[{CJK}]{{2,4}}(?=[ \u00a0\u3000、\n)）]|$)")
# An adverbial in -地 opens the predicate after a name (王芳高兴地说, 申淑英利落地将…).
_ADVERBIAL = re.compile(rf"[{CJK}]{{2}}地(?=[{CJK}])")
# National bylines pad a two-character name to the width of three: 本报记者  方  敏.
_SPACED_NAME = re.compile(rf"[{CJK}][ \u00a0\u3000]{{1,2}}[{CJK}](?=[ \u00a0\u3000、\n)）]|$)")
# （王明峰、李家鼎参与采写）: the reporters who helped write the article.
_CO_WRITERS = re.compile(rf"[（(](?:{alternation(BYLINE_ROLES)})?"
                         rf"((?:[{CJK}]{{2,4}}、)*[{CJK}]{{2,4}})参与采写[）)]")
_HAN_NAME = re.compile(rf"[{CJK}]{{2,4}}")
_NAME_LINE = re.compile(rf"(?m)^[ \u00a0\u3000]*([{CJK}]{{2,4}})[ \u00a0\u3000]*$")
_PHOTO_CREDIT = re.compile(rf"((?:[{CJK}]{{2,4}}[ \u00a0\u3000]+)+)摄(?![{CJK}])")
# An age or a generation before a name works as a role does (86岁的刘玉芝, 90后王瑜).
_AGE_CUE = re.compile(r"(?:\d{1,3}岁的|[0-9]0后(?:的)?)")
_BEFORE_NAME_OK = re.compile(r"(?:^|[\s,，。、；;：:！!？?“”\"（(）)●■])$")


def _chars(name: str) -> frozenset[str]:
    """The characters listed in ``kg/data/<name>.txt``."""
    return frozenset("".join(word_list(name)).replace(" ", ""))


@lru_cache(maxsize=1)
def translit_chars() -> frozenset[str]:
    """Characters of transliterated minority names (乌力吉, 吐尔逊)."""
    return _chars("transliteration_chars")


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """jionlp's surname inventory (read, not imported) with ``extra_surnames.tsv``:
    all single-character surnames, the unambiguous ones (rarely an ordinary word's
    first character), and the two-character ones."""
    source = surname_source()
    single, unambiguous, double = cached_data("surnames", [source],
                                              lambda: _read_surnames(source))
    extra = [line.split("\t") for line in word_list("extra_surnames.tsv")]
    extra_unambiguous = frozenset(c for c, kind in extra if kind == "unambiguous")
    return (single | frozenset(c for c, _ in extra), unambiguous | extra_unambiguous, double)


def surname_source() -> Path:
    """The jionlp module whose source lists the surnames."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed: it carries the surname inventory")
    return Path(next(iter(spec.submodule_search_locations))) / "rule" / "rule_pattern.py"


def _read_surnames(source: Path) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    single: set[str] = set()
    double: set[str] = set()
    lists: list[str] = []
    # The module reassigns SINGLE_CHINESE_FAMILY_NAME to a reduced list; the full
    # 百家姓 is its first assignment, so read every assignment from the source.
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            if target == "SINGLE_CHINESE_FAMILY_NAME":
                single.update(value)
                lists.append(value)
            elif target == "TWO_CHAR_CHINESE_FAMILY_NAME":
                double.update(value.split("|"))
    unambiguous = frozenset(lists[-1]) if lists else frozenset(single)
    return frozenset(single), unambiguous, frozenset(double)



# Parts of speech of characters that open no name after a person noun (在, 为, 和, 都).
_FUNCTION_TAGS = frozenset({"p", "c", "d", "r", "u"})
# Parts of speech of words that are never personal names (廉洁 a, 履职 v, 一举两得 i).
_NON_NAME_TAGS = frozenset({"a", "ad", "an", "v", "vd", "vn", "vi", "d", "c", "p", "u", "i",
                            "l", "m", "q", "r", "t", "f", "z", "b"})


# A name ends in no unit word (乌兰察布市 alone on a line is a place, not a byline).
_UNIT_CHARS = unit_chars(PROVINCE, VILLAGE)

# Last characters of organizations, whose heads a title follows (居委会|主任, 政协|委员).
_ORG_ENDINGS = frozenset("会委协部局处办站所院队组司厂社校")

# Last characters of nouns for people (种植户, 宣讲员, 村民): a name may follow them.
_PERSON_NOUN_ENDINGS = frozenset("户员长民者师")


def _opens_predicate(word: str) -> bool:
    """An adverb or verb that may follow a two-character name (李薇|不忘, 陈尧|特意)."""
    return word[:1] in "不没未" or (
        is_common(word) and word_pos().get(word, "")[:1] in ("d", "v", "c", "p"))


def _noun_in_zi(name: str) -> bool:
    """A surname character before a noun in -子/-儿 (钱|袋子, 王|孩儿): no name."""
    return len(name) == 3 and name[-1] in "子儿们" and word_pos().get(name[1:], "")[:1] == "n"


def is_kinship(name: str) -> bool:
    """A surname with a kinship term or title alone (廖大爷, 赵奶奶): not a name."""
    return name[1:] in word_set("kinship_terms") or name[2:] in word_set("kinship_terms")


def _given_name_rate(char: str) -> int:
    """How rarely ``char`` stands in a given name: 0 (mostly in names) to 6 (雷 2, 学 3)."""
    from kg.pipeline.people_model import given_name_rates  # it reads this module's surnames

    return given_name_rates().get(char, 6)


def _verb_before_aspect(text: str, end: int) -> bool:
    """Whether the character before ``end`` is a verb an aspect particle follows (邹宇盯|着)."""
    return end < len(text) and text[end] in "着了过" and is_verb(text[end - 1])


def _complement(name: str) -> bool:
    """A verb, 得 and an adverb no given name holds (谈|得很), not a name (王得全)."""
    return len(name) == 3 and name[1] == "得" and _given_name_rate(name[2]) >= 6


def _not_a_name(word: str) -> bool:
    """Whether jieba's lexicon knows ``word`` as something other than a name."""
    return word_pos().get(word, "n") in _NON_NAME_TAGS


class PersonRecognizer(SerializableComponent):
    """Proposes PERSON candidates."""

    data_files = ("extra_surnames.tsv", "function_words.txt", "kinship_terms.txt",
                  "role_words.tsv", "rule_families.tsv", "speech_verbs.txt",
                  "transliteration_chars.txt", "dotted_name_chars.txt", "units.tsv")

    def __init__(self, nlp: Language, name: str = "zhkg_people") -> None:
        self.name = name

    @cached_property
    def _translit(self) -> frozenset[str]:
        return translit_chars()

    @cached_property
    def _dotted_translit(self) -> frozenset[str]:
        return translit_chars() | _chars("dotted_name_chars")

    @cached_property
    def _roles(self) -> tuple[str, ...]:
        return tuple(role_words())

    @cached_property
    def _role_re(self) -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(self._roles)})")

    @cached_property
    def _role_end_re(self) -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(self._roles)})$")

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        surnames()
        word_idf()

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        taken = {(c.start, c.end) for c in found if c.label == "PERSON"}
        people: list[Candidate] = []
        text = doc_text(doc)
        proposed = list(self._propose(text))
        for start, end, how in proposed + list(self._elsewhere(text, proposed)):
            if (start, end) not in taken:
                taken.add((start, end))
                # A name after a role or in a byline outranks a village of that name:
                # their families' priority.
                people.append(FAMILIES[how].candidate(start, end, "Person"))
        found.extend(people)
        return doc

    @staticmethod
    def _elsewhere(text: str, proposed: list[tuple[int, int, str]]
                   ) -> Iterable[tuple[int, int, str]]:
        """The other mentions of the names the rules found, where no proposed name
        overlaps them: a name the page confirms once is the same name elsewhere, so
        that the learned scorer adds no longer or shorter reading of it there
        (王瑜 confirmed, not 王瑜弯|下腰)."""
        covered = bytearray(len(text) + 1)
        for start, end, _ in proposed:
            covered[start:end] = b"\1" * (end - start)
        families: dict[str, str] = {}
        for start, end, how in proposed:
            families.setdefault(text[start:end], how)
        for name, how in sorted(families.items()):
            if len(name) < 2 or not HAN_RE.fullmatch(name):
                continue  # spaced byline names (方  敏) are written so only there
            for at in occurrences(text, name):
                if not any(covered[at:at + len(name)]):
                    yield at, at + len(name), how

    # -- name shapes -------------------------------------------------------
    def name_at(self, text: str, pos: int, *, need_boundary: bool = True) -> int | None:
        """End of a personal name starting at ``pos``, or None."""
        single, unambiguous, double = surnames()
        ends: list[int] = []
        if text[pos:pos + 2] in double:
            ends += [pos + 4, pos + 3]
        if text[pos:pos + 1] in single:
            ends += [pos + 3, pos + 2]
        run = pos
        while run < len(text) and run - pos < 7 and text[run] in self._translit:
            run += 1
        ends += [e for e in range(run, pos + 1, -1) if e - pos >= 2]
        for end in sorted(set(ends), reverse=True):
            if end > len(text) or not HAN_RE.fullmatch(text, pos, end):
                continue
            if any(r in text[pos:end] for r in ("书记", "主任", "同志", "党员")):
                continue
            name = text[pos:end]
            # Aspect particles end no name (有了), no name opens an idiom (慕名而来)
            # or ends in the first 一 of 一一 (商户顾虑一一记下) or a noun in -子 (钱袋子);
            # no Han surname is followed by itself (总书记殷殷嘱托; 其其格 is Mongolian),
            # and no word ends in an organization's last character (宣讲|队); a verb
            # before an aspect particle is the predicate's (邹宇|盯着, 关伟|看着).
            # jieba tags a frequent name nr (李强): common, but a name
            if (is_common(name) and not word_pos().get(name, "").startswith("nr")) \
                    or name[-1] in "说讲称道了着过" or _not_a_name(name) \
                    or (name[-1] in _ORG_ENDINGS
                        and word_pos().get(name[:-1], "nr")[:1] in ("v", "n")
                        and not word_pos().get(name[:-1], "").startswith("nr")) \
                    or _noun_in_zi(name) \
                    or (len(name) == 3 and _verb_before_aspect(text, end)) \
                    or (name[0] == name[1] and not all(c in self._translit for c in name)) \
                    or text[end - 1:end + 1] == "一一" \
                    or text[pos:pos + 4] in idioms() \
                    or is_kinship(name) or name in role_words() \
                    or is_kinship(text[pos:pos + 3]) \
                    or _complement(name):
                # 干部, 向阳: a surname character opening an ordinary word; 李奶|奶: a
                # kinship term after the surname; 谈|得很: a verb and its complement
                continue
            translit = all(c in self._translit for c in name)
            # A predicate opens after the name: a verb, or an adverb, adjective or
            # adverbial before it (马九嵩|立刻着手, 申淑英|利落地).
            bounded = bool(_AFTER_NAME.match(text[end:end + 4]) or is_verb(text[end:end + 2])
                           or word_pos().get(text[end:end + 2], "")[:1] in ("d", "a", "p", "c", "v")
                           or _ADVERBIAL.match(text, end)
                           # a one-character verb with its aspect (田友举|种了)
                           or (text[end + 1:end + 2] in ("了", "着", "过")
                               and _given_name_rate(text[end:end + 1]) >= 5)
                           # the page writes it whole elsewhere (龚德进说 beside 龚德进见状)
                           or (end - pos >= 3 and name[-1] not in _UNIT_CHARS
                               and name[-1] not in _ORG_ENDINGS and self._confirmed(text, name)))
            if not translit and name[0] not in unambiguous and name[:2] not in double and (
                    is_common(name[:2]) or (is_common(name[1:3]) and (
                        len(name) > 2 or _given_name_rate(name[1]) > 2
                        or word_pos().get(name, "nr")[:2] != "nr"))):
                # 安全感, 爱读书: an ambiguous surname inside a phrase; a two-character
                # name's common given name must be one of names (周雷, not 爱学), and
                # the two no word but a name (not 楼里, 安家)
                continue
            if word_pos().get(name[0]) == "d" and name[0] not in unambiguous \
                    and all(is_verb(c) for c in name[1:]):
                continue  # 游客|都爱听: an adverb before verbs, not a surname (曾建国 is)
            if name[0] in "和与及有" and (not _PUNCTUATION_AFTER.match(text, end)
                                       or name[1:] in word_pos()):
                # 村干部|和青壮劳动力, 跟儿子|有隔阂: a conjunction or 有, unless
                # punctuation closes a name that is no word (跟儿子|有隔阂，)
                continue
            if bounded and self._verb_takes_last(text, pos, end):
                continue  # 席炜带|领: the last character opens the verb 带领
            if bounded and self._last_opens_clause(text, pos, end):
                return pos + 2  # 王楠|站在, 王智|时，
            if not need_boundary or bounded:
                return self._shorter_on_page(text, pos, end)
        # No clear boundary: a Han surname with a two-character given name.
        if need_boundary and text[pos:pos + 1] in unambiguous and pos + 3 <= len(text) \
                and pos + 3 <= len(text) and HAN_RE.fullmatch(text, pos, pos + 3) \
                and not is_common(text[pos + 2:pos + 4]) \
                and text[pos + 2:pos + 4] not in word_pos() \
                and not is_common(text[pos:pos + 2]) \
                and not is_common(text[pos:pos + 3]) and not is_kinship(text[pos:pos + 3]) \
                and not any(c in "了着过" for c in text[pos + 1:pos + 3]) \
                and not _verb_before_aspect(text, pos + 3) \
                and not _noun_in_zi(text[pos:pos + 3]) and not _complement(text[pos:pos + 3]):
            # not 廉洁履|职: the given name may not open a word
            return self._shorter_on_page(text, pos, pos + 3)
        return None

    @staticmethod
    def _confirmed(text: str, name: str) -> bool:
        """Whether the page writes ``name`` before punctuation or a speech verb."""
        return any(_PUNCTUATION_AFTER.match(text, at + len(name))
                   or _SPEECH.match(text, at + len(name)) for at in occurrences(text, name))

    def _han_three(self, text: str, pos: int, end: int) -> bool:
        """Whether ``text[pos:end]`` is a three-character name of a single Han surname,
        whose given name may have taken a character of the next word."""
        return end - pos == 3 and text[pos:pos + 2] not in surnames()[2] \
            and not all(c in self._translit for c in text[pos:end])

    def _verb_takes_last(self, text: str, pos: int, end: int) -> bool:
        """A three-character Han name whose last character and the next form a common
        verb, while only a one-character word follows that verb (郭奎带|领村民, 罗鹏站|在):
        the name is the first two characters."""
        if not self._han_three(text, pos, end):
            return False
        if self._confirmed(text, text[pos:end]):
            return False  # 龚德进|见状 where the page also writes 龚德进说
        verb = text[end - 1:end + 1]
        # 李亚正|在培训: an adverb (正在, jieba's t or d) takes the last character too
        return is_common(verb) and (is_verb(verb) or word_pos().get(verb, "") in ("d", "t")) \
            and bool(CJK_RE.match(text[end:])) \
            and not is_verb(text[end:end + 2]) \
            and word_pos().get(text[end:end + 2], "")[:1] not in ("d", "a", "p", "c")

    def _last_opens_clause(self, text: str, pos: int, end: int) -> bool:
        """Whether a three-character Han name's last character belongs to what follows:
        a one-character verb rare in given names before 在 (王楠|站在), or 时 closing a
        clause of time (见到…王智|时，)."""
        if not self._han_three(text, pos, end) or self._confirmed_before(text, pos, end):
            return False
        short, last = text[pos:end - 1], text[end - 1]
        if is_common(short) or _not_a_name(short) or is_kinship(short):
            return False
        return (last == "时" and text[end:end + 1] in ("，", ",")) or (
            text[end:end + 1] == "在" and is_verb(last) and _given_name_rate(last) >= 3)

    @staticmethod
    def _confirmed_before(text: str, pos: int, end: int) -> bool:
        """Whether the page writes the three characters more than once, and one of their
        occurrences, which may be this one, before punctuation or a speech verb
        (陈志成说 beside 陈志成在)."""
        name = text[pos:end]
        return any(at != pos for at in occurrences(text, name)) and PersonRecognizer._confirmed(
            text, name)

    def _shorter_on_page(self, text: str, pos: int, end: int) -> int:
        """``end``, or one character less where a three-character Han name is the
        two-character name the page writes more often plus the next word's first
        character (张霞挥|手 on a page that writes 张霞 alone too; 林丹荣|获)."""
        if not self._han_three(text, pos, end):
            return end
        short = text[pos:pos + 2]
        if is_common(short) or _not_a_name(short) or is_kinship(short):
            return end
        # The page must write the short name where a predicate clearly follows it
        # (张霞路过, 林丹”), not only before other characters (李淑荣 beside 李淑芬).
        for at in occurrences(text, short):
            after = at + 2
            if text[after:after + 1] != text[end - 1:end] and (
                    _AFTER_NAME.match(text[after:after + 4]) or is_verb(text[after:after + 2])):
                return pos + 2
        return end

    def _propose(self, text: str) -> Iterable[tuple[int, int, str]]:
        yield from self._bylines(text)
        for m in self._role_re.finditer(text):
            end = self.name_at(text, m.end())
            if end is not None:
                yield m.end(), end, "role"
                yield from self._list_after(text, end)
        for m in _AGE_CUE.finditer(text):
            end = self.name_at(text, m.end())
            if end is not None and self._surname_led(text[m.end():end]):
                yield m.end(), end, "role"
        title = re.compile("(?:总书记|书记|同志|主任|部长|局长|委员|烈士|先生|女士|老师|师傅|"
                           "教授|院士)(?=[，,。、在指强说的到来对向视考主团等家])")
        for m in title.finditer(text):
            for length in (3, 2, 4):
                start = m.start() - length
                if start < 0 or not (_BEFORE_NAME_OK.search(text[max(0, start - 1):start])
                                     or is_verb(text[max(0, start - 2):start])
                                     or text[start - 1:start] in _ORG_ENDINGS
                                     or text.endswith("大学", 0, start)):
                    # 缅怀|赵尚志烈士: a verb may govern the name; 劳务队|张波师傅,
                    # 浙江理工大学|郑今欢教授: so may the body the person belongs to
                    continue
                name = text[start:m.start()]
                if HAN_RE.fullmatch(name) and self._surname_led(name) and \
                        name[-1] not in _ORG_ENDINGS and name[-1] not in _UNIT_CHARS and \
                        self.name_at(text[:m.start()], start, need_boundary=False) \
                        == m.start():
                    # The title ends the name: 张波|师傅 is no 张波师.
                    yield start, m.start(), "name-role"
                    break
        for m in _SPEECH.finditer(text):
            for length in (6, 5, 4, 3, 2):
                start = m.start() - length
                if start < 0:
                    continue
                name = text[start:m.start()]
                if _BEFORE_NAME_OK.search(text[max(0, start - 1):start]):
                    if self.name_at(text, start, need_boundary=False) == m.start() and \
                            self._surname_led(name):
                        yield start, m.start(), "speech"
                        break
                elif length <= 4 and self._person_noun_before(text, start) \
                        and self._plain_name(name) and not self._starts_late(name) \
                        and not (length == 4 and _opens_predicate(name[2:])):
                    # 种植户|郝建平|说, 党工委书记|覃海军|表示: a person noun and a
                    # speech verb frame the name, whatever its surname.
                    yield start, m.start(), "speech"
                    break
        yield from self._dotted(text)

    def _dotted(self, text: str) -> Iterable[tuple[int, int, str]]:
        """Uyghur, Kazakh and other names written with a middle dot (阿迪娜·买买提).

        The given name after the dot is a run of transliteration characters; the one
        before it may hold one other character, a surname where it leads (孔都孜·塔西),
        and starts after the role or person noun before it (讲解员|迪丽妮尕尔). A last
        character that opens a word with the next one is the next word's (热合木江|提前).
        """
        translit = self._dotted_translit
        single = surnames()[0]
        found: list[tuple[int, int, int]] = []
        for dot in occurrences(text, "·"):
            end = dot + 1
            while end < len(text) and end - dot <= 6 and text[end] in translit:
                end += 1
            if end - dot > 3 and end < len(text) and is_common(text[end - 1:end + 1]):
                end -= 1
            if end - dot > 3 and text[end - 1] in "和与" \
                    and text.count(text[dot:end - 1]) > text.count(text[dot:end]):
                end -= 1  # 吐尔逊|和宣讲队队员们, where the page writes 吐尔逊 alone too
            if end - dot < 3:
                continue
            # The name starts at or after the end of the last role or person noun
            # ending inside the six characters before the dot.
            first = max(0, dot - 6)
            floor = max((k for k in range(first + 1, dot - 1)
                         if self._person_noun_before(text, k)), default=first)
            start = None
            for begin in range(floor, dot - 1):
                left = text[begin:dot]
                others = [c for c in left if c not in translit]
                # Right after a person noun the other character may lead (护边员|开沙尔),
                # unless it is a preposition, conjunction, adverb or pronoun (村民|在|阿依古丽).
                if HAN_RE.fullmatch(left) and len(others) <= 1 \
                        and (left[0] in translit or left[0] in single
                             or (begin == floor > first
                                 and word_pos().get(left[0]) not in _FUNCTION_TAGS)):
                    start = begin
                    break
            if start is not None and not any(
                    is_common(part) for part in (text[start:dot], text[dot + 1:end])):
                found.append((start, dot, end))
        # A name found whole after a person noun is that name wherever the page writes it
        # (，开沙尔·吐尔逊和… beside 护边员开沙尔·吐尔逊).
        lefts = {text[start:dot] for start, dot, _ in found}
        for start, dot, end in found:
            longer = [left for left in lefts
                      if len(left) > dot - start and text.endswith(left, 0, dot)]
            yield (dot - max(map(len, longer)) if longer else start), end, "dotted"

    def _person_noun_before(self, text: str, start: int) -> bool:
        """A role or a person noun (种植户, 宣讲员, 党员) ends right before ``start``."""
        return bool(self._role_end_re.search(text, max(0, start - 8), start)) \
            or text[start - 1:start] in _PERSON_NOUN_ENDINGS

    @staticmethod
    def _starts_late(name: str) -> bool:
        """The surname is the second character: a person noun's last character came
        first (民警|张继武 cut as 民|警张继武, 首席客户官|张敏)."""
        single = surnames()[0]
        return len(name) >= 3 and name[0] not in single and name[1] in single

    def _plain_name(self, name: str) -> bool:
        stop = word_set("function_words")
        # Adverbials in -地, plurals in -们 and idioms are no names (坚定地说, 师弟师妹们).
        return 2 <= len(name) <= 4 and bool(HAN_RE.fullmatch(name)) and not is_common(name) \
            and name[-1] not in "地们" and name not in idioms() \
            and name[0] not in stop and name[:2] not in stop \
            and not _not_a_name(name) and name[-1] not in _PERSON_NOUN_ENDINGS \
            and not any(r in name for r in self._roles if len(r) >= 2) \
            and not is_kinship(name)

    def _surname_led(self, name: str) -> bool:
        single, unambiguous, double = surnames()
        if all(c in self._translit for c in name):
            return True
        if is_common(name):
            return False
        if name[:2] in double or name[:1] in unambiguous:
            return True
        return name[:1] in single and not is_common(name[:2]) \
            and not is_common(name[1:3])

    def _list_after(self, text: str, end: int) -> Iterable[tuple[int, int, str]]:
        while end < len(text) and text[end] == "、":
            nxt = self.name_at(text, end + 1)
            if nxt is None or not self._surname_led(text[end + 1:nxt]):
                return
            yield end + 1, nxt, "list"
            end = nxt

    def _bylines(self, text: str) -> Iterable[tuple[int, int, str]]:
        for m in _BYLINE.finditer(text):
            pos = m.end()
            while True:
                end = self._byline_name(text, pos, listed=pos != m.end())
                if end is None:
                    break
                if pos == m.end() and m.group(0)[-1] not in " \u00a0\u3000" \
                        and text[m.start() - 1:m.start()] not in ("（", "(") \
                        and text[pos] not in surnames()[0] \
                        and text[pos:pos + 2] not in surnames()[2]:
                    # 记者手记, 记者来到浙江: prose, not a credit, unless a surname leads
                    # or the credit is bracketed (（通讯员津组轩）)
                    break
                yield pos, end, "byline"
                rest = _BYLINE_SEPARATOR.match(text, end)
                if not rest:
                    break
                pos = rest.end()
                tail = _BYLINE.match(text, pos)
                if tail:
                    pos = tail.end()
        for m in _CO_WRITERS.finditer(text) if "参与采写" in text else ():
            pos = m.start(1)
            for name in m.group(1).split("、"):
                # The credit itself says these are people: any surname (翦) will do.
                if self._surname_led(name) or not (is_common(name) or _not_a_name(name)):
                    yield pos, pos + len(name), "byline"
                pos += len(name) + 1
        # "钟睿 摄" and a name alone on the line under a headline.
        for m in (_PHOTO_CREDIT.finditer(text) if "摄" in text else ()):
            pos = m.start(1)
            for name in _HAN_NAME.finditer(m.group(1)):
                if self._surname_led(name.group(0)):
                    yield pos + name.start(), pos + name.end(), "byline"
        for m in _NAME_LINE.finditer(text):
            name = m.group(1)
            if self._surname_led(name) and name[-1] not in _UNIT_CHARS and \
                    self.name_at(text, m.start(1), need_boundary=False) == m.end(1):
                yield m.start(1), m.end(1), "byline"

    def _byline_name(self, text: str, pos: int, *, listed: bool = False) -> int | None:
        """A name in a byline: pen names and transliterations need no surname (若谷, 安娜).
        ``listed``: after another name of the credit, a surname with an everyday word is
        a name too (…王明峰、方圆、李蕊…)."""
        m = _BYLINE_NAME.match(text, pos)
        if m is None:
            spaced = _SPACED_NAME.match(text, pos)
            single = surnames()[0]
            return spaced.end() if spaced and spaced.group(0)[0] in single else None
        if m.group(0) in BYLINE_ROLES or m.group(0) == "本报":
            return None
        name = m.group(0)
        if name[-1] in _UNIT_CHARS or name[-1] in "报社台" or _not_a_name(name):
            return None
        if self._surname_led(name) or not is_common(name):
            return m.end()
        if listed and name[:1] in surnames()[0] and len(name) <= 3 \
                and text[m.end():m.end() + 1] in ("、", "）", ")"):
            return m.end()
        return None


@Language.factory("zhkg_people", assigns=["doc._.zhkg_candidates"])
def make_person_recognizer(nlp: Language, name: str) -> PersonRecognizer:
    return PersonRecognizer(nlp, name)
