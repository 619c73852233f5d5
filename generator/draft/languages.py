"""The words each language uses to report speech, name roles and groups, bound numbers and place dates.

Declared once per language, as data: adding a language is adding a row here (and, for
better names, a spaCy pipeline in `nlp.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """The word lists the draft rules of one language use; each is a regular-expression alternation."""

    reporting: str
    """Reporting verbs (the forms that introduce or follow a quotation)."""
    according: str
    """Markers whose next actor is the speaker: "selon", "according to"."""
    pronouns: str
    """Subject pronouns that stand for the last named speaker."""
    spokespeople: str
    """Unnamed speakers for an organisation ("a spokeswoman"): their words are the organisation's."""
    titles: str
    """Roles that stand for a person ("président", "Chancellor")."""
    groups: str
    """Nouns for groups and unnamed speakers ("porte-parole", "officials")."""
    articles: str
    """Determiners and numbers stripped from the front of a group's name."""
    linkers: str
    """Words joining a group noun to its complement ("de", "of")."""
    honorifics: str
    """Courtesy titles before a surname: "M.", "Mr"."""
    future: str
    """Words that put a sentence in the future: "will", "doit"."""
    at_least: str
    at_most: str
    about: str
    range_from: str
    """Start of a range "from 60 to 65"; the two ends are joined by `range_to`."""
    range_to: str
    unit_skip: str
    """Words between a number and its unit ("de", "of")."""
    not_units: str
    """Words after a number that are not its unit."""
    approx_nouns: dict[str, int]
    """Nouns that are an approximate number ("trentaine", "dozen")."""


_EN_REPORTING = (
    r"said|says|told|tells|added|adds|warned|warns|insisted|insists|stressed|stresses|declared|declares|"
    r"announced|announces|argued|argues|claimed|claims|explained|explains|noted|notes|wrote|writes|"
    r"tweeted|posted|replied|replies|responded|continued|urged|urges|vowed|vows|promised|promises|"
    r"admitted|admits|asked|asks|called|described|accused|accuses|acknowledged|confirmed|confirms|"
    r"denied|denies|suggested|suggests|predicted|reiterated|repeated|recalled|cautioned|agreed|"
    r"pledged|demanded|threatened|conceded|concluded|remarked|observed|stated|states|"
    r"(?:is|was|were|are|has been|had been) quoted as saying|(?:is|was) reported to have said|"
    r"saying|adding|warning|insisting|arguing|claiming|stressing|telling|describing|calling"
)
_FR_REPORTING = (
    r"(?:a|ont|avait|avaient|aurait|auraient|avoir)(?:-t-(?:il|elle|ils|elles)|-(?:il|elle|ils|elles))?\s+"
    r"(?:déclaré|dit|affirmé|assuré|martelé|précisé|ajouté|expliqué|estimé|souligné|averti|prévenu|indiqué|"
    r"annoncé|accusé|insisté|rappelé|jugé|lancé|confié|répondu|réagi|dénoncé|promis|reconnu|fustigé|"
    r"appelé|demandé|écrit|tweeté|commenté|martelé|plaidé|regretté|poursuivi|conclu|révélé|confirmé|"
    r"déploré|répété|admis|annoncé|proposé|exhorté|menacé|signalé|noté|observé|ironisé|tranché|résumé)|"
    r"(?:se sont|s'est|se sont-ils|s'est-il|s'est-elle)\s+(?:dit|dite|dits|félicités?|inquiétée?s?|"
    r"réjouie?s?|alarmée?s?|engagée?s?|montrée?s?)|"
    r"(?:déclare|dit|affirme|assure|martèle|précise|ajoute|explique|estime|souligne|avertit|prévient|"
    r"indique|annonce|accuse|insiste|rappelle|juge|lance|confie|répond|réagit|dénonce|promet|reconnaît|"
    r"fustige|appelle|demande|écrit|commente|plaide|regrette|poursuit|conclut|révèle|confirme|déplore|"
    r"répète|admet|propose|exhorte|menace|signale|note|observe|tranche|résume|déclarent|disent|"
    r"affirment|assurent|estiment|soulignent|indiquent|annoncent|insistent)(?:-t-(?:il|elle)|-(?:il|elle|ils|elles))?|"
    r"affirmant|estimant|assurant|ajoutant|soulignant|déclarant|jugeant|dénonçant|qualifiant|prévenant|expliquant"
)

LEXICONS: dict[str, Lexicon] = {
    "en": Lexicon(
        reporting=_EN_REPORTING,
        according=r"according to|in the words of",
        pronouns=r"he|she|they",
        spokespeople=r"spokesman|spokeswoman|spokesperson|representative",
        titles=(
            r"[Pp]resident|[Pp]rime [Mm]inister|PM|[Cc]hancellor|[Ff]oreign [Ss]ecretary|[Ff]oreign [Mm]inister|"
            r"[Dd]efence [Ss]ecretary|[Dd]efense [Ss]ecretary|[Dd]efence [Mm]inister|[Ss]ecretary of [Ss]tate|"
            r"[Hh]ome [Ss]ecretary|[Ss]ecretary[- ][Gg]eneral|[Ll]eader|[Ss]pokesman|[Ss]pokeswoman|[Ss]pokesperson|"
            r"[Mm]inister|[Gg]overnor|[Mm]ayor|[Kk]ing|[Qq]ueen|[Pp]ope|[Cc]hief [Ee]xecutive|[Ee]nvoy|[Aa]mbassador|"
            r"[Cc]ommander|[Gg]eneral|[Hh]ead|[Cc]ounterpart|[Cc]hair|[Cc]hairman|[Cc]hairwoman|[Pp]remier|"
            r"[A-Z][a-z]+ [Ss]ecretary(?![- ][Gg]eneral)|[A-Z][a-z]+ [Mm]inister|[Ss]ecretary|[Mm]ayor|[Pp]resident-elect|[Dd]irector|[Cc]hief"
        ),
        groups=(
            r"officials?|sources?|spokesm[ae]n|spokeswom[ae]n|spokespe(?:rson|ople)|leaders|allies|ministers|"
            r"diplomats|analysts|experts|residents|protesters|campaigners|negotiators|investigators|"
            r"observers|lawmakers|MPs|senators|critics|witnesses|authorities|teams|coalition|delegation|"
            r"representatives|aides|advisers|officers|commanders|chiefs of staff|chiefs of defence|participants|"
            r"barrister|lawyers?|attorneys?|solicitor|prosecutors|defence team|family|relatives|"
            r"air force|army|navy|military|government|police|armed forces|ministry|foreign ministry|defence ministry|health ministry"
        ),
        articles=r"the|a|an|some|several|many|two|three|four|five|six|seven|eight|nine|ten|all|its|his|her|their|other",
        linkers=r"of|from|at|in|for|close to|with",
        honorifics=r"Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof",
        future=r"will|would|shall|expected|forecast|scheduled|is to|are to|is due to|are due to|is expected to|are expected to|plans? to|planned|is set to|are set to|going to|next|upcoming|coming",
        at_least=r"more than|over|at least|upwards of|in excess of|no fewer than|no less than|a minimum of|above|exceeding",
        at_most=r"up to|at most|no more than|fewer than|less than|under|as many as|as much as|a maximum of|below|not exceeding",
        about=r"about|around|nearly|almost|some|roughly|approximately|an estimated|estimated|close to|approx\.|circa|c\.|just over|just under",
        range_from=r"from|between",
        range_to=r"to|and|-|–",
        unit_skip=r"of|more|extra|additional|new|further|other",
        not_units=r"and|or|to|the|a|an|in|on|at|by|for|with|from|of|per|as|is|was|were|are|has|have|had|said|says|that|this|years?(?= old)",
        approx_nouns={"dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "scores": 40},
    ),
    "fr": Lexicon(
        reporting=_FR_REPORTING,
        according=r"selon|d'après|d’après|aux yeux de",
        pronouns=r"il|elle|ils|elles",
        spokespeople=r"porte-parole|représentant|représentante",
        titles=(
            r"président|présidente|chef d'[EÉ]tat|chef de l'[EÉ]tat|chef du gouvernement|Premier ministre|"
            r"Première ministre|première ministre|chancelier|chancelière|ministre des Affaires étrangères|"
            r"ministre de la Défense|ministre|homologue|porte-parole|roi|reine|pape|secrétaire général|"
            r"dirigeant|dirigeante|émissaire|envoyé spécial|ambassadeur|maire|gouverneur|général|commandant"
        ),
        groups=(
            r"porte-parole|responsables?|sources?|participants|équipes|alliés|dirigeants|chefs d'[ée]tat-major|"
            r"ministres|diplomates|experts|analystes|observateurs|manifestants|habitants|négociateurs|"
            r"enquêteurs|élus|députés|sénateurs|autorités|coalition|délégation|représentants|conseillers|"
            r"officiers|commandants|militants|rebelles|secouristes|témoins|avocats?|procureurs?|famille|proches"
        ),
        articles=r"le|la|les|l'|un|une|des|du|de|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|tous les|toutes les|ses|son|sa|leurs|leur|d'autres|certains|certaines",
        linkers=r"de la|de l'|du|des|de|d'|aux|au|proches? du|proches? de la|proches? des|proches? de",
        honorifics=r"M\.|Mme|Mlle|MM\.|Dr|Me|Mgr",
        future=r"[a-zé]{3,}(?:era|eront|ira|iront|dra|dront)|doit|doivent|devrait|devraient|devra|devront|va|vont|sera|seront|aura|auront|prévu|prévue|prévoit|prochain|prochaine|prochains|prochaines",
        at_least=r"plus de|au moins|au-delà de|plus d'|au minimum|pas moins de|minimum",
        at_most=r"jusqu'à|jusqu’à|au plus|moins de|moins d'|pas plus de|au maximum|maximum",
        about=r"environ|près de|près d'|quelque|presque|autour de|approximativement|à peu près|quasiment|pratiquement",
        range_from=r"de|entre",
        range_to=r"à|et|-|–",
        unit_skip=r"de|d'|d’|des|du|autres|nouveaux|nouvelles",
        not_units=r"et|ou|à|le|la|les|l|un|une|en|au|aux|par|pour|avec|sur|dans|est|a|ont|sont|qui|que|ans(?= plus)",
        approx_nouns={
            "dizaine": 10,
            "dizaines": 20,
            "douzaine": 12,
            "quinzaine": 15,
            "vingtaine": 20,
            "trentaine": 30,
            "quarantaine": 40,
            "cinquantaine": 50,
            "soixantaine": 60,
            "centaine": 100,
            "centaines": 200,
            "millier": 1000,
            "milliers": 2000,
        },
    ),
}


def lexicon(language: str) -> Lexicon:
    """The lexicon of a language; English where the draft has none (its rules stay correct, only poorer)."""
    return LEXICONS.get(language.split("-")[0].lower(), LEXICONS["en"])
