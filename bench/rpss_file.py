#!/usr/bin/env python3
"""Writes a file in the shape of the national register of social service providers (rpss.json) at
its national size: about 7,000 services of about 2,300 invented providers, with the register's
fields (facilities, forms with capacities, target and age groups, contacts, statutory bodies,
additional documents), so that it weighs what the real one does (30+ MB).

Usage: bench/rpss_file.py OUT.json [--services N] [--seed S]
Deterministic for a given seed; standard library only. Every provider's IČO has a valid check digit.
"""
import argparse
import json
import random

KINDS = list(range(1, 35))
# Rough weights of the kinds in the register: counselling, care services, homes and prevention.
WEIGHTS = [4, 9, 6, 10, 2, 1, 2, 5, 2, 3, 1, 4, 7, 6, 3, 1, 1, 1, 1, 2, 1, 1, 1, 2, 5, 1, 1, 5, 5, 3, 1, 4, 6, 1]
FORMS = {"pob": ["luzka"], "amb": ["klient", "kontakt", "interv"], "ter": ["klient", "kontakt", "interv", "hovor"]}
STREETS = ["Nádražní", "Školní", "Husova", "Komenského", "Palackého", "Nemocniční", "Zahradní", "Sokolovská", "Masarykova", "Lidická"]
WORDS = ("služba poskytuje podporu osobám v jejich přirozeném prostředí a pomáhá jim zvládat péči o vlastní osobu, "
         "domácnost a uplatňovat práva a oprávněné zájmy, kontakt se společenským prostředím, výchovné, vzdělávací "
         "a aktivizační činnosti, zprostředkování kontaktu, sociálně terapeutické činnosti").split()


def ico(rng):
    digits = [rng.randrange(10) for _ in range(7)]
    total = sum(d * w for d, w in zip(digits, range(8, 1, -1)))
    return "".join(map(str, digits)) + str((11 - total % 11) % 10)


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def address(rng, municipality):
    return {
        "cisloDomovni": rng.randrange(1, 4000), "cisloOrientacni": str(rng.randrange(1, 90)), "dodatekAdresy": None,
        "kodAdresnihoMista": rng.randrange(10_000_000, 30_000_000), "psc": f"{rng.randrange(10000, 79999)}",
        "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"},
        "kraj": {"id": f"Kraj/{municipality[0]}"}, "okres": {"id": f"Okres/{municipality[1]}"},
        "obec": {"id": f"Obec/{municipality[2]}"}, "castObce": {"id": f"CastObce/{rng.randrange(400000, 420000)}"},
        "mestskyObvodMestskaCast": None, "mestskyObvodVPraze": None, "ulice": {"nazev": rng.choice(STREETS)},
    }


def contacts(rng, domain):
    return {
        "weby": [{"web": f"www.{domain}.cz", "poznamka": None}],
        "emaily": [{"email": f"info@{domain}.cz", "poznamka": None}],
        "telefony": [{"telefon": f"{rng.randrange(200, 799)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}", "poznamka": None}],
    }


def provider(rng, n, municipalities):
    name = f"Poskytovatel {n} {rng.choice(['z. ú.', 'o. p. s.', 'p. o.', 'z. s.', 's. r. o.'])}"
    return {
        "id": f"Poskytovatel/{n}", "ico": ico(rng), "nazev": name, "pravniForma": {"id": f"PravniForma/{rng.choice([141, 161, 331, 706])}"},
        "adresa": address(rng, rng.choice(municipalities)),
        **contacts(rng, f"poskytovatel{n}"),
        "datoveSchranky": [{"datovaSchranka": f"ab{n:05d}c"}],
        "statutarniOrgany": [
            {"jmeno": rng.choice(["Jana", "Petr", "Marie", "Tomáš"]), "prijmeni": f"Statutární{i}", "titulPred": "Mgr.",
             "titulZa": None, "funkce": "ředitel"} for i in range(rng.randrange(1, 4))
        ],
    }


def entry(rng, n, owner, municipalities):
    kind = rng.choices(KINDS, WEIGHTS)[0]
    forms = rng.sample(sorted(FORMS), rng.choice([1, 1, 1, 2, 2, 3]))
    places = [rng.choice(municipalities) for _ in range(rng.choice([1, 1, 2, 3, 4, 6]))]
    return {
        "portalId": 100000 + n, "id": f"SocialniSluzba/{n}", "identifikator": str(1000000 + n * 7),
        "datumPoskytovaniOd": f"{rng.randrange(2007, 2026)}-{rng.randrange(1, 13):02d}-01",
        "datumPoskytovaniDo": None if rng.random() > 0.05 else "2025-12-31",
        "kontaktniAdresy": [{"adresa": address(rng, places[0])}],
        "druhSocialniSluzby": {"id": f"DruhSocialniSluzby/{kind}"},
        "zarizeni": [
            {"id": f"Zarizeni/{n}-{i}", "nazev": f"Zařízení {n}/{i} poskytovatele {owner['id'].split('/')[1]}",
             "poskytujeOd": "2015-01-01", "poskytujeDo": None, "utajenaAdresa": kind == 20 and i == 0,
             "vedouci": {"jmeno": "Vedoucí", "prijmeni": f"Zařízení{i}"},
             "adresa": None if kind == 20 and i == 0 else address(rng, place)}
            for i, place in enumerate(places)
        ],
        "poskytovatel": owner,
        **contacts(rng, f"sluzba{n}"),
        "faxy": [],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": f"CilovaSkupinaOsoby/{g}"}} for g in rng.sample(range(1, 31), rng.randrange(1, 6))],
        "vekoveSkupiny": [{"vekovaSkupina": {"id": f"VekovaSkupinaOsoby/{g}"}} for g in rng.sample(range(1, 12), rng.randrange(1, 4))],
        "doplnujiciInformaceVekoveSkupiny": text(rng, 8),
        "formy": [
            {"forma": {"id": f"FormaSocialniSluzby/{f}"}, "nepretrzitePoskytovani": f == "pob",
             "casoveRozsahy": None if f == "pob" else [
                 {"den": {"id": f"DenVTydnu/{d}"}, "od": "07:00", "do": "15:30"} for d in range(1, 6)],
             "kapacity": [{"pocet": rng.randrange(1, 120), "popis": text(rng, 6), "typ": {"id": f"TypKapacitySocialniSluzby/{t}"}}
                          for t in rng.sample(FORMS[f], 1)]}
            for f in forms
        ],
        "rozsirenePusobnostiVKraji": [{"kraj": {"id": f"Kraj/{places[0][0]}"}}],
        "doplnkoveUdaje": {
            "poslaniCile": text(rng, 60),
            "zasadyPoskytovani": text(rng, 50),
            "realizacePoskytovani": [{"priloha": {"url": f"https://www.mpsv.cz/agportal-server/rest/documents/{n}1", "nazev": "realizace.pdf"}}],
            "planyFinancnihoZajisteni": [{"rok": 2026, "priloha": {"url": f"https://www.mpsv.cz/agportal-server/rest/documents/{n}2"}}],
            "personalniZajisteni": [{"pozice": "pracovník v sociálních službách", "uvazek": rng.randrange(1, 20) / 2}],
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--services", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # 14 regions, 77 districts, 6,258 municipalities: codes in the register's ranges.
    municipalities = [(19 + 8 * (i % 14), 3100 + i % 77, 500011 + 13 * i) for i in range(6258)]
    providers = [provider(rng, n, municipalities) for n in range(1, args.services // 3 + 2)]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write('{"datumAktualizace": "2026-12-01", "polozky": [\n')
        for n in range(args.services):
            # Most providers run one or two services, a few run dozens.
            owner = providers[min(int(rng.paretovariate(1.2)) - 1, len(providers) - 1) if rng.random() < 0.2 else rng.randrange(len(providers))]
            out.write(("," if n else "") + json.dumps(entry(rng, n, owner, municipalities), ensure_ascii=False) + "\n")
        out.write("]}\n")


if __name__ == "__main__":
    main()
