//! Cards as CSV, one row per card, for spreadsheets.
//!
//! Columns: `id`, `stage`, `lane`, `kind`, `channel`, `title`, `details`, `emotion`, `tags`.
//!
//! - Written as UTF-8 with a byte-order mark (so that Excel reads accents right), CRLF line ends
//!   and RFC 4180 quoting (fields holding `,`, `;`, `"` or a line break are quoted, quotes
//!   doubled), by the `csv` crate.
//! - Read by the `csv` crate, with or without the byte-order mark, with `,`, `;` (Excel in French)
//!   or tab as the separator (the most frequent of them in the header row), LF or CRLF line ends.
//!   Malformed quotes are refused rather than guessed at (see [`records`]).
//! - `stage` is a stage's name or id; `lane` a lane's title, its persona's name, or its id. Names
//!   are written when they name exactly one element, ids otherwise.
//! - `kind` and `channel` are the English names (`pain point`, `mobile app`…); `emotion` a whole
//!   number on the map's scale; `tags` are separated by `;` or `,` (written with `; `).
//!
//! Cells that a spreadsheet would run as a formula are neutralised, as OWASP recommends for CSV
//! files: a text cell (every column but `emotion`) that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is written with a single quote `'` in front, so Excel and `LibreOffice` show
//! `'=HYPERLINK(…)` as text instead of running it. To keep that reversible, a text cell that
//! starts with `'` gets one more `'` too; on import, one leading `'` is removed from every text
//! cell. So `=1+1` is written `'=1+1`, `'=1+1` is written `''=1+1`, `'cité'` is written `''cité'`,
//! and each reads back as it was. (A hand-written cell `'texte` imports as `texte`: the quote is
//! read as the spreadsheet's "this is text" mark.) `emotion` is a number and is written as it is:
//! `-2` stays `-2`. [`neutralise`] and [`unneutralise`] hold the rule.
//!
//! Importing into a map updates the card of each row's `id` and adds a card for each row with an
//! empty or new id. A column that is absent leaves the field as it is; a column that is present
//! but empty clears it. Every row is checked before anything changes: one bad row, and nothing is
//! imported, every bad row being reported with its row number (the header is row 1, as in a
//! spreadsheet).

use super::{Warning, seed_of};
use crate::model::{Card, CardKind, Channel, Id, IdGen, IdKind, Map};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The columns, in the order they are written.
pub const COLUMNS: [&str; 9] =
    ["id", "stage", "lane", "kind", "channel", "title", "details", "emotion", "tags"];

/// A problem with one row (or the file as a whole, row 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based row (the header is row 1); 0 for the file as a whole.
    pub row: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.row == 0 { f.write_str(&self.message) } else { write!(f, "{}: {}", self.row, self.message) }
    }
}

/// Why a CSV file was not imported; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} bad row(s), nothing imported: {}", problems.len(), first(problems))]
pub struct CsvError {
    /// Every problem found, in row order.
    pub problems: Vec<RowProblem>,
}

fn first(problems: &[RowProblem]) -> String {
    problems.first().map(ToString::to_string).unwrap_or_default()
}

impl CsvError {
    fn one(row: usize, message: impl Into<String>) -> Self {
        Self { problems: vec![RowProblem { row, message: message.into() }] }
    }
}

/// The result of importing cards.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvImport {
    /// The map with the cards updated and added.
    pub map: Map,
    /// How many existing cards were updated.
    pub updated: usize,
    /// How many cards were added.
    pub added: usize,
    /// Columns that were ignored and the like.
    pub warnings: Vec<Warning>,
}

// ---------------------------------------------------------------------------------------------
// Formula neutralisation (CSV injection).

/// What a cell may start with for a spreadsheet to read it as a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The mark a spreadsheet reads as "this cell is text".
const TEXT_MARK: char = '\'';

/// A text cell as written to CSV: with a `'` in front when it starts like a formula, or with
/// `'` itself (so that [`unneutralise`] gives back exactly the text).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(first) if first == TEXT_MARK || FORMULA_STARTS.contains(&first) => {
            Cow::Owned(format!("{TEXT_MARK}{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A text cell as read from CSV: one leading `'` removed (the inverse of [`neutralise`]).
pub fn unneutralise(cell: &str) -> &str {
    cell.strip_prefix(TEXT_MARK).unwrap_or(cell)
}

// ---------------------------------------------------------------------------------------------
// Writing.

/// Writes every card of the map as CSV (with a byte-order mark, a header row and CRLF line ends).
pub fn write(map: &Map) -> String {
    let stage_label: BTreeMap<&Id, String> = map
        .stages
        .iter()
        .map(|s| {
            let name = s.name.trim();
            let label = if !name.is_empty() && resolve_stage(map, name).ok() == Some(&s.id) {
                name.to_owned()
            } else {
                s.id.to_string()
            };
            (&s.id, label)
        })
        .collect();
    let lane_label: BTreeMap<&Id, String> = map
        .lanes
        .iter()
        .map(|l| {
            let persona = l.kind.persona().and_then(|p| map.persona(p)).map(|p| p.name.trim());
            let label = [persona.unwrap_or(""), l.title.trim()]
                .into_iter()
                .find(|name| !name.is_empty() && resolve_lane(map, name).ok() == Some(&l.id))
                .map_or_else(|| l.id.to_string(), str::to_owned);
            (&l.id, label)
        })
        .collect();
    let rows = map.cards.iter().map(|card| {
        let stage = stage_label.get(&card.stage).cloned().unwrap_or_else(|| card.stage.to_string());
        let lane = lane_label.get(&card.lane).cloned().unwrap_or_else(|| card.lane.to_string());
        let text = |cell: &str| neutralise(cell).into_owned();
        [
            text(card.id.as_str()),
            text(&stage),
            text(&lane),
            text(card.kind.name()),
            text(card.channel.map(Channel::name).unwrap_or_default()),
            text(&card.title),
            text(&card.details),
            // A number, never a formula: `-2` stays `-2`.
            card.emotion.map(|e| e.to_string()).unwrap_or_default(),
            text(&card.tags.join("; ")),
        ]
    });
    let mut out = "\u{feff}".as_bytes().to_vec();
    // Writing to a `Vec` cannot fail.
    write_rows(&mut out, rows).ok();
    // Every field was a `str`, so the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The header and the rows, RFC 4180 as the csv crate writes it: CRLF line ends, fields holding
/// `,`, `"` or a line break quoted, quotes doubled.
fn write_rows(out: &mut Vec<u8>, rows: impl Iterator<Item = [String; 9]>) -> csv::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        // Fields holding `;` are quoted too (the crate quotes any field holding the comment
        // character), so the file also reads right where `;` separates fields, as in French Excel.
        .comment(Some(b';'))
        .from_writer(out);
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading records.

/// One record of a CSV text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// 1-based row (the header is row 1).
    pub row: usize,
    /// The fields, unquoted.
    pub fields: Vec<String>,
}

/// Splits a CSV text into records with the csv crate (RFC 4180: quoted fields may hold
/// separators, doubled quotes and line breaks), with or without a byte-order mark. The separator
/// is `,`, `;` or tab, whichever the first line holds most of.
///
/// Rows are numbered as a spreadsheet shows them: each line break outside quotes starts a row,
/// so a blank line counts (the csv crate skips blank lines). Quotes the csv crate would read
/// leniently, as spreadsheets do, are refused, so that an import never takes a typo for text:
/// text after a closing quote (`"a"b` would read `ab`), and a quote that is never closed (it
/// would take in every row to the end of the file).
pub fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        // The header is a record like the others (row 1), checked by the importer.
        .has_headers(false)
        // A row of the wrong length is reported by the importer, with every other bad row.
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut out: Vec<Record> = Vec::new();
    let mut record = csv::StringRecord::new();
    // Where the previous record's text ended, and where the reader stopped after it.
    let (mut content_end, mut read_to) = (0, 0);
    loop {
        let next_row = out.last().map_or(1, |r| r.row + 1);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(CsvError::one(next_row, error.to_string())),
        }
        let rest = text.get(read_to..).unwrap_or_default();
        let start = read_to + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        // Only line breaks lie between two records: the first ends the previous row.
        let gap = text.get(content_end..start).unwrap_or_default();
        let breaks = gap.len() - gap.matches("\r\n").count();
        let row = out.last().map_or(1 + breaks, |r| r.row + breaks);
        let raw = text.get(start..).unwrap_or_default();
        let len = written_len(raw, &record, separator).map_err(|message| CsvError::one(row, message))?;
        content_end = start + len;
        read_to = usize::try_from(reader.position().byte()).unwrap_or(text.len()).max(content_end);
        out.push(Record { row, fields: record.iter().map(str::to_owned).collect() });
    }
    Ok(out)
}

/// How many bytes of `raw` (the text from a record's first byte on) the record takes when its
/// `fields` are written back as RFC 4180 writes them, or what is wrong with its quotes.
fn written_len(raw: &str, fields: &csv::StringRecord, separator: u8) -> Result<usize, String> {
    let mut rest = raw;
    for (i, field) in fields.iter().enumerate() {
        if i > 0 && rest.as_bytes().first() == Some(&separator) {
            rest = rest.get(1..).unwrap_or_default();
        }
        rest = match rest.strip_prefix('"') {
            Some(quoted) => after_closing_quote(quoted, field)?,
            // The csv crate keeps an unquoted field as it is.
            None => rest.get(field.len()..).unwrap_or_default(),
        };
    }
    Ok(raw.len() - rest.len())
}

/// The text after a quoted field whose opening quote is already read: its characters with
/// quotes doubled, then the closing quote, which ends the field.
fn after_closing_quote<'r>(mut rest: &'r str, field: &str) -> Result<&'r str, String> {
    for c in field.chars() {
        let next = if c == '"' { rest.strip_prefix("\"\"") } else { rest.strip_prefix(c) };
        rest = next.ok_or_else(|| quote_problem(rest))?;
    }
    rest.strip_prefix('"').ok_or_else(|| quote_problem(rest))
}

/// Where the field as read parts from the text: at a closing quote with more text after it, or at
/// the end of the text.
fn quote_problem(rest: &str) -> String {
    match rest.strip_prefix('"').and_then(|after| after.chars().next()) {
        Some(c) => {
            format!("unexpected `{c}` after a closing quote; inside a quoted field, write a quote as `\"\"`")
        }
        None => "a quoted field is not closed: a `\"` is missing".to_owned(),
    }
}

/// `,`, `;` or tab, whichever the first line that is not blank holds most of (`,` on a tie).
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c| header.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

// ---------------------------------------------------------------------------------------------
// Resolving names.

fn resolve<'m>(
    what: &str,
    value: &str,
    mut ids: impl Iterator<Item = &'m Id>,
    names: impl Iterator<Item = (&'m Id, &'m str)> + Clone,
) -> Result<&'m Id, String> {
    let value = value.trim();
    if let Some(id) = ids.find(|id| id.as_str() == value) {
        return Ok(id);
    }
    for exact in [true, false] {
        let mut found: Vec<&Id> = names
            .clone()
            .filter(|(_, name)| {
                let name = name.trim();
                !name.is_empty()
                    && if exact { name == value } else { name.to_lowercase() == value.to_lowercase() }
            })
            .map(|(id, _)| id)
            .collect();
        found.dedup();
        match found.as_slice() {
            [one] => return Ok(one),
            [] => {}
            several => {
                let ids: Vec<String> = several.iter().map(|id| format!("`{id}`")).collect();
                return Err(format!(
                    "{what} \"{value}\" is ambiguous: write one of the ids {}",
                    ids.join(", ")
                ));
            }
        }
    }
    let known: Vec<String> =
        names.map(|(_, n)| n.trim()).filter(|n| !n.is_empty()).map(|n| format!("\"{n}\"")).take(12).collect();
    Err(format!("{what} \"{value}\" is not in the map (known: {})", known.join(", ")))
}

fn resolve_stage<'m>(map: &'m Map, value: &str) -> Result<&'m Id, String> {
    resolve(
        "stage",
        value,
        map.stages.iter().map(|s| &s.id),
        map.stages.iter().map(|s| (&s.id, s.name.as_str())),
    )
}

fn resolve_lane<'m>(map: &'m Map, value: &str) -> Result<&'m Id, String> {
    let names = map.lanes.iter().flat_map(move |l| {
        let persona = l.kind.persona().and_then(|p| map.persona(p)).map_or("", |p| p.name.as_str());
        [(&l.id, l.title.as_str()), (&l.id, persona)]
    });
    resolve("lane", value, map.lanes.iter().map(|l| &l.id), names)
}

/// Lower case without spaces, `-` or `_`: how kinds and channels are compared.
fn normal(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
}

fn parse_kind(text: &str) -> Result<CardKind, String> {
    let kind = match normal(text).as_str() {
        "" | "touchpoint" | "pointdecontact" => CardKind::Touchpoint,
        "painpoint" | "pain" | "pointdedouleur" | "douleur" | "irritant" => CardKind::PainPoint,
        "opportunity" | "opportunité" | "opportunite" => CardKind::Opportunity,
        "idea" | "idée" | "idee" => CardKind::Idea,
        "note" => CardKind::Note,
        "quote" | "verbatim" | "citation" => CardKind::Quote,
        "evidence" | "preuve" => CardKind::Evidence,
        _ => {
            let names: Vec<&str> = CardKind::ALL.iter().map(|k| k.name()).collect();
            return Err(format!("unknown kind \"{}\" (use one of: {})", text.trim(), names.join(", ")));
        }
    };
    Ok(kind)
}

fn parse_channel(text: &str) -> Result<Option<Channel>, String> {
    let channel = match normal(text).as_str() {
        "" => return Ok(None),
        "web" | "website" | "site" => Channel::Web,
        "mobileapp" | "app" | "mobile" | "application" => Channel::MobileApp,
        "email" | "courriel" => Channel::Email,
        "phone" | "telephone" | "téléphone" => Channel::Phone,
        "store" | "shop" | "magasin" | "boutique" => Channel::Store,
        "social" | "socialmedia" | "réseauxsociaux" => Channel::Social,
        "chat" => Channel::Chat,
        "post" | "courrier" => Channel::Post,
        "event" | "événement" | "evenement" => Channel::Event,
        "partner" | "partenaire" => Channel::Partner,
        "other" | "autre" => Channel::Other,
        _ => {
            let names: Vec<&str> = Channel::ALL.iter().map(|c| c.name()).collect();
            return Err(format!("unknown channel \"{}\" (use one of: {})", text.trim(), names.join(", ")));
        }
    };
    Ok(Some(channel))
}

fn parse_emotion(map: &Map, text: &str) -> Result<Option<i32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let scale = &map.emotion_scale;
    let value: i32 = text.replace('\u{2212}', "-").parse().map_err(|_| {
        format!("emotion \"{text}\" is not a whole number on the scale {}…{}", scale.min, scale.max)
    })?;
    if scale.contains(value) {
        Ok(Some(value))
    } else {
        Err(format!("emotion {value} is outside the map's scale {}…{}", scale.min, scale.max))
    }
}

/// Tags separated by `;` or `,`, trimmed, empty ones dropped.
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split([';', ',']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------------
// Importing.

/// Which column of the file each field is in.
#[derive(Default)]
struct Columns {
    at: BTreeMap<&'static str, usize>,
}

impl Columns {
    /// The cell of column `name` as it is in the file (for numbers).
    fn get<'r>(&self, record: &'r Record, name: &str) -> Option<&'r str> {
        self.at.get(name).map(|&i| record.fields.get(i).map_or("", String::as_str))
    }

    /// The text cell of column `name`, its formula neutralisation undone.
    fn text<'r>(&self, record: &'r Record, name: &str) -> Option<&'r str> {
        self.get(record, name).map(unneutralise)
    }
}

fn header(record: &Record, warnings: &mut Vec<Warning>) -> Result<Columns, CsvError> {
    let mut columns = Columns::default();
    let mut problems = Vec::new();
    for (i, name) in record.fields.iter().enumerate() {
        let key = match normal(name).as_str() {
            "id" => "id",
            "stage" | "étape" | "etape" => "stage",
            "lane" | "persona" | "laneorpersona" | "lane/persona" | "couloir" => "lane",
            "kind" | "type" => "kind",
            "channel" | "canal" => "channel",
            "title" | "titre" => "title",
            "details" | "détails" => "details",
            "emotion" | "émotion" => "emotion",
            "tags" | "étiquettes" => "tags",
            _ => {
                warnings.push(Warning::at(
                    record.row,
                    format!("column \"{}\" is not a card field; ignored", name.trim()),
                ));
                continue;
            }
        };
        if columns.at.insert(key, i).is_some() {
            problems
                .push(RowProblem { row: record.row, message: format!("the column `{key}` appears twice") });
        }
    }
    let has = |key| columns.at.contains_key(key);
    let usable = has("id") || (has("stage") && has("lane"));
    if !usable {
        problems.push(RowProblem {
            row: record.row,
            message: format!(
                "the header row needs an `id` column, or `stage` and `lane` columns (the columns are: {})",
                COLUMNS.join(", ")
            ),
        });
    }
    if problems.is_empty() { Ok(columns) } else { Err(CsvError { problems }) }
}

/// Imports cards into a copy of `map`: rows with a known id update that card, other rows add
/// cards. All or nothing: when any row is bad, the error lists every bad row.
pub fn import_into(map: &Map, text: &str) -> Result<CsvImport, CsvError> {
    let records = records(text)?;
    let mut warnings = Vec::new();
    let Some((head, rows)) = records.split_first() else {
        return Err(CsvError::one(
            0,
            "the file is empty: it needs a header row, e.g. `id,stage,lane,kind,channel,title,details,emotion,tags`",
        ));
    };
    let columns = header(head, &mut warnings)?;
    let mut ids = IdGen::with_seed(seed_of(text));
    ids.observe(map.ids());
    let other_ids: BTreeSet<&Id> = map.ids().collect();
    let card_index: BTreeMap<&Id, usize> = map.cards.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut planned: Vec<(Option<usize>, Card)> = Vec::new();
    for record in rows {
        if record.fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut bad = |message: String| problems.push(RowProblem { row: record.row, message });
        if record.fields.len() != head.fields.len() {
            bad(format!("the row has {} fields, the header has {}", record.fields.len(), head.fields.len()));
            continue;
        }
        let id = columns.text(record, "id").unwrap_or("").trim();
        if !id.is_empty()
            && let Some(row) = seen.insert(id.to_owned(), record.row)
        {
            bad(format!("the id `{id}` is already used by row {row}"));
            continue;
        }
        let existing = card_index.get(&Id::from(id)).copied();
        if existing.is_none() && !id.is_empty() {
            if other_ids.contains(&Id::from(id)) {
                bad(format!("the id `{id}` belongs to a stage, persona or lane, not a card"));
                continue;
            }
            if !Id::from(id).is_well_formed() {
                bad(format!("the id \"{id}\" is not usable: use letters, digits and `-` only"));
                continue;
            }
        }
        let base = existing.and_then(|i| map.cards.get(i));
        let mut errors = Vec::new();
        let stage = match (columns.text(record, "stage").map(str::trim).filter(|s| !s.is_empty()), base) {
            (Some(value), _) => resolve_stage(map, value).cloned().map_err(|e| errors.push(e)).ok(),
            (None, Some(card)) => Some(card.stage.clone()),
            (None, None) => {
                errors.push("a new card needs a stage".to_owned());
                None
            }
        };
        let lane = match (columns.text(record, "lane").map(str::trim).filter(|s| !s.is_empty()), base) {
            (Some(value), _) => resolve_lane(map, value).cloned().map_err(|e| errors.push(e)).ok(),
            (None, Some(card)) => Some(card.lane.clone()),
            (None, None) => {
                errors.push("a new card needs a lane (a lane title or a persona's name)".to_owned());
                None
            }
        };
        let mut card = base.cloned().unwrap_or_else(|| {
            let id = if id.is_empty() { ids.fresh(IdKind::Card) } else { Id::from(id) };
            Card::new(id, Id::default(), Id::default(), "")
        });
        if let Some(value) = columns.text(record, "kind") {
            parse_kind(value).map_or_else(|e| errors.push(e), |k| card.kind = k);
        }
        if let Some(value) = columns.text(record, "channel") {
            parse_channel(value).map_or_else(|e| errors.push(e), |c| card.channel = c);
        }
        if let Some(value) = columns.get(record, "emotion") {
            parse_emotion(map, value).map_or_else(|e| errors.push(e), |e| card.emotion = e);
        }
        if let Some(value) = columns.text(record, "title") {
            value.clone_into(&mut card.title);
        }
        if let Some(value) = columns.text(record, "details") {
            card.details = value.replace("\r\n", "\n");
        }
        if let Some(value) = columns.text(record, "tags") {
            card.tags = parse_tags(value);
        }
        match (stage, lane, errors.is_empty()) {
            (Some(stage), Some(lane), true) => {
                card.stage = stage;
                card.lane = lane;
                planned.push((existing, card));
            }
            _ => {
                for error in errors {
                    bad(error);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(CsvError { problems });
    }
    let mut out = map.clone();
    let (mut updated, mut added) = (0, 0);
    let mut next_order: BTreeMap<(Id, Id), u32> = BTreeMap::new();
    for card in &out.cards {
        let entry = next_order.entry((card.lane.clone(), card.stage.clone())).or_insert(0);
        *entry = (*entry).max(card.order.saturating_add(1));
    }
    for (existing, mut card) in planned {
        if let Some(slot) = existing.and_then(|i| out.cards.get_mut(i)) {
            if *slot != card {
                updated += 1;
            }
            *slot = card;
        } else {
            let entry = next_order.entry((card.lane.clone(), card.stage.clone())).or_insert(0);
            card.order = *entry;
            *entry = entry.saturating_add(1);
            out.cards.push(card);
            added += 1;
        }
    }
    Ok(CsvImport { map: out, updated, added, warnings })
}

#[cfg(test)]
mod tests;
