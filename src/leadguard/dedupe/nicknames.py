"""Given-name equivalences: nicknames, short forms and spelling variants in EN/NL/FR/DE/IT/ES/
SV/PL.

Dedupe treats two given names as one person's when they share a group here (``Bob`` ~
``Robert``, ``Kasia`` ~ ``Katarzyna``, ``Sjef`` ~ ``Jozef``). Names are match forms: lower-case,
transliterated, words separated by one space (``jean pierre``, ``malgorzata``). A short form
can belong to several groups (``jo``: Johannes, Josephine, Joanna...); two names are
equivalent when their groups intersect. Groups never join two distinct formal names of
different people's usual naming (``Jan`` and ``John`` stay apart: a Flemish Jan is not an
English John), but they do join spellings of one formal name (Jozef, Josef, Joseph).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["NICKNAME_GROUPS", "are_nicknames", "nickname_groups"]

# One group per line: the formal name(s) first, then short forms; a line starting with "+"
# continues the group above. "_" joins the words of a compound name (jean_pierre is
# "jean pierre" in match form). Lines are grouped by language only for the reader.
_TABLE: Final = """
# --- English
robert rob robbie robby bob bobby bert bertie
william will willie willy bill billy liam
richard rick ricky rich richie dick
james jim jimmy jamie jem
john jack johnny
jonathan jon jonny
joseph jozef josef joe joey jo jos jef sjef sepp seppi beppo jojo jozek
michael mike mikey mick micky michi micke mikael
thomas tom tommy tomas
charles charlie chuck chas chaz
christopher christophe christoph chris kit topher
christian chris
daniel dan danny
david dave davy
edward ed eddie ted teddy ned
henry harry hank hal
harold harry hal
francis frank frankie fran
frederick frederik fredrik frederic fred freddie freddy fredde
anthony antony tony ant
andrew andy drew
alexander alexandre aleksander alessandro alejandro alex alec sandy sander xander lex sascha
+ olek aleks sandro jandro
benjamin ben benny benji
samuel sam sammy
nicholas nicolas nicolaas nick nicky nico niek klaas
matthew matt matty
patrick pat paddy
peter pieter pete per pelle peer
philip philippe phillip phil pip
stephen steven stefan stephane steve stevie steph
timothy tim timmy
gregory greg
jeffrey geoffrey jeff geoff
kenneth ken kenny
lawrence laurence laurens lars larry laurie lasse
leonard leonardus leo len lenny leen
raymond ray
ronald ron ronnie
donald don donnie
douglas doug
gerald gerard gerardus gerry jerry gerrit gert
jerome jerry
walter walt wally wouter wout
albert al bert bertie
alfred alf alfie fred
arthur art artie
herbert herb bert
howard howie
joshua josh
nathan nate
nathaniel nate nat
oliver ollie olly
zachary zach zack
vincent vince vinnie
victor vic
theodore theodorus theo ted teddy dorus
eugene gene
stanley stan
bradley brad
cameron cam
maximilian maximilien max
emmanuel emanuele manu
dominique dominic dom
elizabeth elisabeth elisabet elzbieta liz lizzie beth betty bess bessie eliza elise lisa libby
+ ellie lies els liesbeth liesje lisbeth liesl sissi babette lili ela
margaret margareta margarete margarethe margriet maggie meg peggy madge greta grete gretchen
+ marge margie maggan
katherine catherine kathryn katharina katarina catharina katarzyna kate katie kathy cathy kat
+ kitty kathi kati kathrin katrien tine trien kattis kajsa kasia kaska
jennifer jen jenny
jessica jess jessie
rebecca becky becca
susan susanne suzanne sue susie suzy susi
patricia pat patty trish tricia
deborah debra deb debbie
dorothy dorota dot dottie dolly dorotka
christine christina kristina krystyna chris chrissy tina stina kicki krysia
victoria vicky tori
alexandra aleksandra alessandra alex sandra sandy lexi ola
abigail abby abbie gail
samantha sam sammy
stephanie stefanie steph steffi
jacqueline jackie jacqui
kimberly kimberley kim
pamela pam
barbara barb babs babsi basia
amanda mandy
caroline carolyn karolina carol carrie karolcia
frances franziska fran fanny franzi
eleanor eleonora ellie nell nora
helen helene helena nell leni
judith judy
theresa teresa tess terri tessa tereska
joanna johanna jo joke hanna hannah anneke asia
josephine josephina josefine jo josie fien josje
madeleine madeline magdalena maddie lena leni magda
natalie nathalie nat
virginia ginny
penelope penny
angela angie
sarah sara sally sadie
mary maria marie mia ria mieke marieke miep maaike molly polly mimi marysia
anne ann anna annie nan nancy ania anneke anja
valerie val
veronica veronique vera ronnie vero
# --- Dutch and Flemish
johannes johann johan jan hans hansi joop jo hannes jos janne jocke hasse janek jas
willem wilhelm wim pim willi willy
gustaaf gustav guus gus gurra
cornelis cornelius kees cor
jacobus jacob jakob jakub koos jaap jaak kuba jacke
hendrik heinrich rik henk heinz heini
franciscus frans
petrus pieter piet
adrianus adriaan arie
antonius toon ton teun
marinus rinus
martinus tinus
wilhelmina willemijn mien mina
sebastiaan sebastian bas basti
+ sebastien seb
abraham bram
bartholomeus bartlomiej bart bartek
hubertus huub
ludovicus lodewijk louis lode
gijsbert gijs
matthijs matthias thijs tijs matze
geertruida truus
hendrika riet rika
# --- French
jean_pierre jp
jean_claude jc
jean_marie jm
jean_baptiste jb
jean_luc jl
jean_francois jf
marie_claire mc
anne_sophie
jeanne jeannette jeannine
guillaume will
jacques jacquot sjaak
francois fanfan
francoise fanfan fanny
isabelle isabel isa
benedicte bene
# --- German
friedrich fritz
franz franzl
ursula urszula uschi ulla ula
gabriele gabriela gabrielle gabi gaby
rosemarie rosi
hannelore hanne
andreas andi
wolfgang wolf
ulrich ulli uli
rudolf rudi
gottfried friedel
dietrich dieter
bernhard bernd
georg jorg schorsch
# --- Swedish
karl carl kalle
nils nisse
olof olle
jonas jompa
bengt bengan
sofia sofie
magnus mange manne
birgitta britt bitte gittan gitta
ulrika ulla
ingrid inga
# --- Italian
giuseppe beppe peppe pino peppino bepi
giuseppina pina
giovanni gianni vanni nino
antonino nino tonino
francesco franco checco cesco
salvatore toto turi
domenico mimmo
federico fede
lorenzo enzo renzo
vincenzo enzo
gabriele lele
# --- Spanish
francisco paco pancho curro kiko
jose pepe pepito
josefa pepa
jose_maria chema
dolores lola loli
ignacio nacho
manuel manolo manu
enrique quique
guillermo memo
concepcion concha conchi
rosario charo
mercedes merche
montserrat montse
inmaculada inma
guadalupe lupe
# --- Polish
malgorzata gosia malgosia
stanislaw staszek stas
agnieszka aga
krzysztof krzys krzysiek
tomasz tomek
piotr piotrek
pawel pawelek
michal michalek
wojciech wojtek
grzegorz grzes grzesiek
lukasz lukaszek
maciej maciek
mateusz matek
alicja ala
zofia zosia
jadwiga jadzia
kazimierz kazik
wladyslaw wladek
boleslaw bolek
zbigniew zbyszek
tadeusz tadek
ryszard rysiek
ewa ewka
justyna justa
weronika wera
beata beatka
szymon szymek
przemyslaw przemek
radoslaw radek
miroslaw mirek
jaroslaw jarek
slawomir slawek
wieslaw wiesiek
czeslaw czesiek
mieczyslaw mietek
zdzislaw zdzisiek
halina hala
danuta danka
iwona iwonka
janusz janek
# --- more short forms met on LinkedIn (Italian, Spanish, French, German, Dutch, Nordic)
antonio toni tonio
valentina vale
javier javi
cristina cris
pilar pili
maarten mart
mathieu matthieu mat
elodie elo
mathilde mathi tilde
michael micha
tobias tobi
florian flo
ulrike ulli uli rike
tuomas tuomo
johanna jonna hanna
rasmus rasse
charlotte lotte lotta
birgitte gitte
"""


def _parse(table: str) -> dict[str, tuple[int, ...]]:
    """Name → ids of the groups it belongs to, in table order."""
    groups: dict[str, list[int]] = {}
    group = 0
    for line in table.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if words[0] == "+":
            words = words[1:]
            group -= 1
        for word in dict.fromkeys(words):
            ids = groups.setdefault(word.replace("_", " "), [])
            if group not in ids:
                ids.append(group)
        group += 1
    return {name: tuple(ids) for name, ids in groups.items()}


_GROUPS: Final[dict[str, tuple[int, ...]]] = _parse(_TABLE)

NICKNAME_GROUPS: Final[Mapping[str, tuple[int, ...]]] = MappingProxyType(_GROUPS)
"""Every known name (match form) → the ids of the groups it belongs to."""


def nickname_groups(name: str) -> tuple[int, ...]:
    """Ids of the groups a match-form given name belongs to; empty when it is in no group."""
    return _GROUPS.get(name, ())


def are_nicknames(a: str, b: str) -> bool:
    """True when two different match-form given names are forms of one name (Bob, Robert)."""
    if a == b:
        return False
    ga = _GROUPS.get(a)
    gb = _GROUPS.get(b)
    return bool(ga and gb and set(ga).intersection(gb))
