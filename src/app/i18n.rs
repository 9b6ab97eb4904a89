//! The interface's words in French and English: every string the designer shows comes from the
//! one catalogue below, so a missing translation is a compile error, not a blank button.
//!
//! Map content is never translated. Messages from the layers below (a file's parse error, an
//! export failure) keep their English detail after a translated lead, as a compiler does.
//!
//! Texts with values carry named placeholders (`{file}`), filled by [`fill`]; a test checks that
//! both languages use the same ones. French follows French typography: a no-break space before
//! `:` and a narrow no-break space before `?`, `!` and `;` (checked too).

pub use crate::lang::Lang;

/// The interface language from the system's locale (`fr-FR`, `fr_CA.UTF-8` → French; anything
/// else → English).
pub fn system_lang() -> Lang {
    sys_locale::get_locale().map_or(Lang::En, |tag| Lang::from_tag(&tag))
}

/// The catalogue entry naming a theme.
pub fn theme_text(theme: crate::layout::ThemeName) -> T {
    use crate::layout::ThemeName;
    match theme {
        ThemeName::Light => T::ThemeLight,
        ThemeName::Print => T::ThemePrint,
        ThemeName::Dark => T::ThemeDark,
        ThemeName::HighContrast => T::ThemeHighContrast,
    }
}

/// The language's own name, as offered in the preferences.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Français",
        Lang::En => "English",
    }
}

/// Replaces each `{name}` in `text` by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

macro_rules! catalogue {
    ($( $key:ident => $en:literal, $fr:literal; )*) => {
        /// A text of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $( #[doc = concat!("`", $en, "`")] $key, )* }

        impl T {
            /// Every text, for the catalogue's tests.
            pub const ALL: &[T] = &[$(T::$key),*];

            /// The text in `lang`.
            pub fn tr(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self { $(T::$key => $en,)* },
                    Lang::Fr => match self { $(T::$key => $fr,)* },
                }
            }
        }
    };
}

catalogue! {
    // Menus
    MenuFile => "File", "Fichier";
    MenuEdit => "Edit", "Édition";
    MenuView => "View", "Affichage";
    MenuWorkshop => "Workshop", "Atelier";
    MenuHelp => "Help", "Aide";
    OpenRecent => "Open recent", "Fichiers récents";
    NoRecent => "No recent files", "Aucun fichier récent";
    Import => "Import…", "Importer…";

    // Actions
    ActNew => "New…", "Nouveau…";
    ActOpen => "Open…", "Ouvrir…";
    ActSave => "Save", "Enregistrer";
    ActSaveAs => "Save as…", "Enregistrer sous…";
    ActExport => "Export poster…", "Exporter l’affiche…";
    ActQuit => "Quit", "Quitter";
    ActUndo => "Undo", "Annuler";
    ActRedo => "Redo", "Rétablir";
    ActCut => "Cut", "Couper";
    ActCopy => "Copy", "Copier";
    ActPaste => "Paste", "Coller";
    ActDuplicate => "Duplicate", "Dupliquer";
    ActDelete => "Delete", "Supprimer";
    ActSelectAll => "Select all", "Tout sélectionner";
    ActZoomIn => "Zoom in", "Zoom avant";
    ActZoomOut => "Zoom out", "Zoom arrière";
    ActFit => "Fit width", "Ajuster à la largeur";
    ActActualSize => "Zoom 100 %", "Zoom 100 %";
    ActHiddenLanes => "Show hidden lanes", "Montrer les lignes masquées";
    LayoutScreen => "Screen layout", "Mise en page écran";
    LayoutPaper => "Paper layout (as exported)", "Mise en page papier (comme à l’export)";
    ActTheme => "Next theme", "Thème suivant";
    ActAddStage => "Add stage", "Ajouter une étape";
    ActAddPersonaLane => "Add persona lane", "Ajouter une ligne persona";
    ActAddSharedLane => "Add shared lane", "Ajouter une ligne commune";
    ActAddCard => "Add card", "Ajouter une fiche";
    ActEditInPlace => "Edit in place", "Modifier sur place";
    ActPalette => "Command palette…", "Palette de commandes…";
    ActShortcuts => "Keyboard shortcuts", "Raccourcis clavier";
    ActAbout => "About Parcours", "À propos de Parcours";
    ActPresent => "Present", "Présenter";
    ActFind => "Find cards…", "Rechercher des fiches…";
    ActFunnel => "Funnel and insights", "Entonnoir et enseignements";
    ActPreferences => "Preferences…", "Préférences…";
    ActConflicts => "Merge conflicts", "Conflits de fusion";
    ActRecover => "Recover unsaved work…", "Récupérer du travail non enregistré…";

    // Toolbar (short forms; the accessible name is the action's label)
    TbNew => "New", "Nouveau";
    TbOpen => "Open", "Ouvrir";
    TbStage => "+ Stage", "+ Étape";
    TbPersona => "+ Persona", "+ Persona";
    TbCard => "+ Card", "+ Fiche";
    TbExport => "Export", "Exporter";
    TbFind => "Find", "Chercher";

    // Status bar
    Untitled => "untitled", "sans titre";
    Unsaved => "● unsaved", "● non enregistré";
    Saved => "saved", "enregistré";
    Counts => "{stages} · {lanes} · {cards}", "{stages} · {lanes} · {cards}";
    Exporting => "exporting…", "export en cours…";
    ExportingTo => "exporting {file}…", "export de {file}…";
    SavedTo => "saved {file}", "enregistré\u{a0}: {file}";
    ReloadedFrom => "reloaded {file}", "rechargé\u{a0}: {file}";
    Restored => "restored unsaved work", "travail non enregistré restauré";
    AutosaveFailed => "autosave failed ({error})", "échec de la sauvegarde automatique ({error})";
    NoRecentStore => "cannot remember recent files ({error})", "impossible de retenir les fichiers récents ({error})";
    NoFileDialog => "no file dialog is available here: type the path", "pas de sélecteur de fichiers ici\u{a0}: tapez le chemin";
    CannotPaste => "cannot paste ({error})", "collage impossible ({error})";
    EditFailed => "error: {error}", "erreur\u{a0}: {error}";
    ErrorIn => "{place}: error: {reason}", "{place}\u{a0}: erreur\u{a0}: {reason}";
    CannotStartExport => "cannot start the export ({error})", "impossible de lancer l’export ({error})";
    ExportDone => "exported {file} ({size} KB)", "exporté\u{a0}: {file} ({size} Ko)";
    ExportWarning => "warning: {text}", "attention\u{a0}: {text}";
    ExportStopped => "the export stopped unexpectedly", "l’export s’est arrêté de façon inattendue";
    ChooseDestination => "choose where to export first", "choisissez d’abord où exporter";
    NewStageName => "Stage {n}", "Étape {n}";
    NewPersonaName => "Persona {n}", "Persona {n}";

    // External change banner
    ChangedOnDiskDirty => "{file} changed on disk, and you have unsaved changes here.", "{file} a changé sur le disque, et vous avez des modifications non enregistrées ici.";
    ReloadFromDisk => "Reload from disk", "Recharger depuis le disque";
    ReloadKeepsUndo => "Your changes stay in the undo history", "Vos modifications restent dans l’historique d’annulation";
    KeepMine => "Keep mine", "Garder les miennes";
    KeepMineHint => "Keep your version; saving will ask before overwriting theirs", "Garder votre version\u{202f}; l’enregistrement demandera avant d’écraser la leur";
    Merge => "Merge", "Fusionner";
    MergeHint => "Combine their changes with yours, card by card and field by field; conflicts are listed for you to choose", "Combiner leurs modifications avec les vôtres, fiche par fiche et champ par champ\u{202f}; les conflits sont listés pour que vous choisissiez";
    GoneFromDisk => "{file} was deleted or moved on disk.", "{file} a été supprimé ou déplacé sur le disque.";
    UnreadableOnDisk => "The file changed on disk but cannot be read: {error}", "Le fichier a changé sur le disque mais ne peut pas être lu\u{a0}: {error}";
    ReloadedChanged => "{file} changed on disk: reloaded (Undo brings back the previous version)", "{file} a changé sur le disque\u{a0}: rechargé (Annuler ramène la version précédente)";
    MergedFrom => "merged the changes made to {file} on disk", "modifications de {file} sur le disque fusionnées";
    MergedConflicts => "merged the changes made to {file} on disk: {conflicts}", "modifications de {file} sur le disque fusionnées\u{a0}: {conflicts}";
    SaveRefusedTitle => "The file changed on disk", "Le fichier a changé sur le disque";
    SaveRefusedText => "{file} was changed by someone else since you opened or saved it. Saving now would overwrite their changes.", "{file} a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert ou enregistré. Enregistrer maintenant écraserait ses modifications.";
    SaveRefusedGone => "{file} was deleted or moved since you opened or saved it.", "{file} a été supprimé ou déplacé depuis que vous l’avez ouvert ou enregistré.";
    MergeAndSave => "Merge and save", "Fusionner et enregistrer";
    Overwrite => "Overwrite (theirs kept as a backup)", "Écraser (la leur gardée en sauvegarde)";
    WriteAgain => "Write it again", "L’écrire à nouveau";
    OverwriteDone => "Saved {file}. The version that was on disk is kept in {backup}", "{file} enregistré. La version qui était sur le disque est gardée dans {backup}";
    CannotBackup => "cannot keep a backup of the version on disk, so nothing was overwritten ({error})", "impossible de garder une copie de la version sur le disque, rien n’a donc été écrasé ({error})";

    // Dialogs
    UnsavedTitle => "Unsaved changes", "Modifications non enregistrées";
    UnsavedQuestion => "Save the changes to {file} first?", "Enregistrer d’abord les modifications de {file}\u{202f}?";
    Discard => "Discard", "Abandonner";
    Cancel => "Cancel", "Annuler";
    Ok => "OK", "OK";
    Close => "Close", "Fermer";
    Path => "Path", "Chemin";
    PickOpen => "Open map", "Ouvrir une carte";
    PickSaveAs => "Save map as", "Enregistrer la carte sous";
    PickExport => "Export to", "Exporter vers";
    PickPhoto => "Persona photo", "Photo du persona";
    FilterMap => "Parcours map", "Carte Parcours";
    FilterPhoto => "Photo", "Photo";
    FilterImport => "Mermaid journey or CSV cards", "Parcours Mermaid ou fiches CSV";
    PickImport => "Import from Mermaid or CSV", "Importer depuis Mermaid ou CSV";
    RecoveryTitle => "Restore unsaved work?", "Restaurer le travail non enregistré\u{202f}?";
    RecoveryText => "Parcours did not close cleanly. This unsaved work was kept:", "Parcours ne s’est pas fermé correctement. Ce travail non enregistré a été conservé\u{a0}:";
    CopyDetails => "“{title}” ({file}), copied {when}, {changes}", "«\u{a0}{title}\u{a0}» ({file}), copié le {when}, {changes}";
    CopyDetailsNoCount => "“{title}” ({file}), copied {when}", "«\u{a0}{title}\u{a0}» ({file}), copié le {when}";
    RecoveryOthers => "{copies} in File › Recover unsaved work…", "{copies} dans Fichier › Récupérer du travail non enregistré…";
    ConfirmDiscardTitle => "Discard the recovered work?", "Abandonner le travail récupéré\u{202f}?";
    ConfirmDiscardText => "It stays 7 days in File › Recover unsaved work…, then it is deleted.", "Il reste 7 jours dans Fichier › Récupérer du travail non enregistré…, puis il est supprimé.";
    Back => "Back", "Retour";
    RecoverTitle => "Recover unsaved work", "Récupérer du travail non enregistré";
    RecoverLive => "Recovery copies (sessions that did not close cleanly, other windows)", "Copies de récupération (sessions mal fermées, autres fenêtres)";
    RecoverDiscarded => "Discarded in the last 7 days", "Abandonné ces 7 derniers jours";
    RecoverNone => "none", "aucune";
    DiscardedAt => "discarded {when}", "abandonné le {when}";
    DiscardedKept => "recovered work discarded: it stays 7 days in File › Recover unsaved work…", "travail récupéré abandonné\u{a0}: il reste 7 jours dans Fichier › Récupérer du travail non enregistré…";
    AnUntitledMap => "an untitled map", "une carte sans titre";
    Restore => "Restore", "Restaurer";
    DiscardRecovered => "Discard recovered work…", "Abandonner le travail récupéré…";
    ErrorTitle => "Error", "Erreur";
    Version => "Version {v}", "Version {v}";
    AboutText => "A native designer for customer journey maps: stages, personas, touchpoints, emotion curves, posters.", "Un outil natif de cartes du parcours client\u{a0}: étapes, personas, points de contact, courbes d’émotion, affiches.";
    Command => "Command", "Commande";

    // Gestures (Help → Keyboard shortcuts)
    Keyboard => "Keyboard", "Clavier";
    Mouse => "Mouse and gestures", "Souris et gestes";
    GPanKeys => "Drag on empty space, middle drag, scroll", "Glisser dans le vide, bouton du milieu, molette";
    GPan => "Pan", "Se déplacer";
    GZoomKeys => "Ctrl+scroll, pinch", "Ctrl+molette, pincement";
    GZoom => "Zoom around the pointer", "Zoomer autour du pointeur";
    GSelectKeys => "Click, Shift+click, Shift+drag", "Clic, Maj+clic, Maj+glisser";
    GSelect => "Select, add to the selection, rubber band", "Sélectionner, ajouter à la sélection, lasso";
    GDoubleCellKeys => "Double-click a cell", "Double-clic sur une cellule";
    GDoubleCell => "Add a card there", "Y ajouter une fiche";
    GEditKeys => "Double-click a card or stage, F2", "Double-clic sur une fiche ou une étape, F2";
    GEdit => "Edit in place", "Modifier sur place";
    GEnterKeys => "Enter on a selected cell or card", "Entrée sur une cellule ou une fiche sélectionnée";
    GEnter => "Start a new card in that cell", "Commencer une fiche dans cette cellule";
    GEnterTypingKeys => "Enter while typing a title", "Entrée pendant la saisie d’un titre";
    GEnterTyping => "Commit, start the next card in the same cell", "Valider, commencer la fiche suivante dans la même cellule";
    GTabKeys => "Tab while typing a title", "Tab pendant la saisie d’un titre";
    GTab => "Commit, start a card in the next stage", "Valider, commencer une fiche à l’étape suivante";
    GEscKeys => "Esc", "Échap";
    GEsc => "Leave editing (what was typed is kept); cancel a drag", "Quitter la saisie (le texte tapé est gardé)\u{202f}; annuler un glisser";
    GDragCardKeys => "Drag a card", "Glisser une fiche";
    GDragCard => "Move it between cells or within its cell", "La déplacer entre cellules ou dans sa cellule";
    GDragHeaderKeys => "Drag a stage header or lane header", "Glisser un en-tête d’étape ou de ligne";
    GDragHeader => "Reorder stages or lanes", "Réordonner les étapes ou les lignes";
    GDragEmotionKeys => "Drag an emotion point up or down", "Glisser un point d’émotion vers le haut ou le bas";
    GDragEmotion => "Set the score (snaps to the scale)", "Régler le score (calé sur l’échelle)";
    GDigitKeys => "1 … 9 on selected cards", "1 … 9 sur les fiches sélectionnées";
    GDigit => "Set the emotion (1 = lowest level)", "Régler l’émotion (1 = niveau le plus bas)";
    GDropKeys => "Drop a .ron file on the window", "Déposer un fichier .ron sur la fenêtre";
    GDrop => "Open it", "L’ouvrir";

    // Templates
    TemplatesTitle => "New map from a template", "Nouvelle carte depuis un modèle";
    TemplatesHint => "Each template comes with its stages, lanes and persona placeholders; nothing is filled in for you.", "Chaque modèle apporte ses étapes, ses lignes et des personas à compléter\u{202f}; rien n’est rempli à votre place.";
    TemplateFacts => "{stages} · {lanes} · {personas}", "{stages} · {lanes} · {personas}";
    UseTemplate => "Use this template", "Utiliser ce modèle";
    TplBlank => "Blank", "Vierge";
    TplBlankText => "An empty map with the default emotion scale.", "Une carte vide avec l’échelle d’émotion par défaut.";
    TplEcommerce => "E-commerce", "E-commerce";
    TplEcommerceText => "Seven stages from need awareness to loyalty and recommendation, three personas.", "Sept étapes, de la prise de conscience du besoin à la fidélité et la recommandation, trois personas.";
    TplB2b => "B2B purchase", "Achat B2B";
    TplB2bText => "A buying committee from the trigger to renewal.", "Un comité d’achat, du déclencheur au renouvellement.";
    TplSaas => "SaaS onboarding", "Prise en main d’un SaaS";
    TplSaasText => "Discover, trial, activation, adoption, renewal.", "Découverte, essai, activation, adoption, renouvellement.";
    TplAfterSales => "After-sales service", "Service après-vente";
    TplAfterSalesText => "From the problem to its resolution and what the customer says afterwards.", "Du problème à sa résolution et à ce que le client en dit ensuite.";

    // Export form
    ExportTitle => "Export poster", "Exporter l’affiche";
    Sheet => "Sheet", "Planche";
    SheetPoster => "Journey map poster", "Affiche du parcours";
    SheetFunnel => "Funnel and insights", "Entonnoir et enseignements";
    SheetPersonas => "Persona sheets (PDF, a page each)", "Fiches personas (PDF, une page chacune)";
    Format => "Format", "Format";
    FormatHint => "from the file extension: .pdf, .png, .svg, .mmd, .csv, .md", "d’après l’extension\u{a0}: .pdf, .png, .svg, .mmd, .csv, .md";
    Paper => "Paper", "Papier";
    Orientation => "Orientation", "Orientation";
    OrientAuto => "Auto", "Automatique";
    OrientPortrait => "Portrait", "Portrait";
    OrientLandscape => "Landscape", "Paysage";
    MarginMm => "Margin (mm)", "Marge (mm)";
    DpiPng => "DPI (PNG)", "Résolution (PNG, ppp)";
    Tiling => "Tiling", "Découpage en pages";
    NoTiling => "none", "aucun";
    CropMarks => "Crop marks", "Traits de coupe";
    Theme => "Theme", "Thème";
    ThemeLight => "Light", "Clair";
    ThemePrint => "Print (ink-friendly)", "Impression (économe en encre)";
    ThemeDark => "Dark", "Sombre";
    ThemeHighContrast => "High contrast", "Contraste élevé";
    Destination => "Destination", "Destination";
    Choose => "Choose…", "Choisir…";
    ExportButton => "Export", "Exporter";
    // The export dialog and its report (issue 14)
    FormatUnknown => "unknown: use .pdf, .png, .svg, .mmd, .csv or .md", "inconnu\u{a0}: utilisez .pdf, .png, .svg, .mmd, .csv ou .md";
    Background => "Background", "Fond";
    BackgroundTheme => "theme colour", "couleur du thème";
    BackgroundNone => "none (paper white)", "aucun (blanc du papier)";
    ReadingDistance => "Reading distance", "Distance de lecture";
    ReadChecking => "Checking that the text reads from that distance…", "Vérification de la lisibilité à cette distance…";
    ReadOk => "✔ Readable from {distance}: the smallest text prints large enough.", "✔ Lisible à {distance}\u{a0}: le plus petit texte s’imprime assez grand.";
    ReadLow => "On {paper}, the smallest text prints at {printed}, below the {needed} needed to read it from {distance}.", "En {paper}, le plus petit texte s’imprime en {printed}, sous les {needed} nécessaires pour le lire à {distance}.";
    ReadPaperTiled => "{paper} tiled onto {tile}", "{paper} découpé en pages {tile}";
    ReadRemedy => "Laid out for {paper}, it prints at {printed}:", "Mis en page pour le format {paper}, il s’imprime en {printed}\u{a0}:";
    ReadPrintOn => "Print on {paper}", "Imprimer en {paper}";
    ReadTileInto => "Cut into {pages} {tile} pages ({paper})", "Découper en {pages} pages {tile} ({paper})";
    ReadNoPaper => "Even {paper} prints it at only {printed}: read it closer, hide details or lanes, or split the map.", "Même en {paper}, il ne s’imprime qu’en {printed}\u{a0}: lisez-le de plus près, masquez des détails ou des lignes, ou scindez la carte.";
    ExportedTitle => "Export done", "Export terminé";
    OpenFile => "Open the file", "Ouvrir le fichier";
    ShowFolder => "Show its folder", "Afficher le dossier";
    CannotOpen => "cannot open {file} ({error})", "impossible d’ouvrir {file} ({error})";
    ExportBlocked => "nothing was exported: the map has {errors}. Fix them and export again:", "rien n’a été exporté\u{a0}: la carte a {errors}. Corrigez-les puis exportez à nouveau\u{a0}:";

    // Inspector: the photo, the persona sheet's preview (issue 14)
    PhotoOf => "Photo of {name}", "Photo de {name}";
    PersonaSheetTitle => "Persona sheet", "Fiche persona";
    PersonaSheetLarger => "Open the sheet larger", "Agrandir la fiche persona";
    PersonaGone => "This persona is no longer in the map.", "Ce persona n’est plus dans la carte.";

    // Inspector
    Cell => "Cell", "Cellule";
    CellHint => "Enter or double-click adds a card here.", "Entrée ou double-clic ajoute une fiche ici.";
    Card => "Card", "Fiche";
    Title => "Title", "Titre";
    Details => "Details", "Détails";
    Kind => "Kind", "Type";
    Channel => "Channel", "Canal";
    None => "none", "aucun";
    Presence => "Presence", "Présence";
    FromChannel => "from the channel", "selon le canal";
    Online => "online", "en ligne";
    Offline => "offline", "hors ligne";
    Emotion => "Emotion", "Émotion";
    Tags => "Tags (comma-separated)", "Étiquettes (séparées par des virgules)";
    Link => "Link", "Lien";
    Colour => "Colour", "Couleur";
    Custom => "custom", "personnalisée";
    Stage => "Stage", "Étape";
    Name => "Name", "Nom";
    Description => "Description", "Description";
    Metrics => "Metrics", "Indicateurs";
    Nps => "NPS (-100…100)", "NPS (-100…100)";
    Ces => "CES (1…7)", "CES (1…7)";
    Csat => "CSAT (%)", "CSAT (%)";
    Conversion => "Conversion (%)", "Conversion (%)";
    DropOff => "Drop-off (%)", "Abandon (%)";
    CustomMetrics => "Custom metrics (name = value unit / target)", "Autres indicateurs (nom = valeur unité / cible)";
    DeleteStage => "Delete stage (with its cards)", "Supprimer l’étape (avec ses fiches)";
    Lane => "Lane", "Ligne";
    LaneKindIs => "Kind: {kind}", "Type\u{a0}: {kind}";
    Hidden => "Hidden", "Masquée";
    Persona => "Persona", "Persona";
    Photo => "photo", "photo";
    PhotoMissing => "photo missing or unreadable", "photo absente ou illisible";
    ChoosePhoto => "Choose photo…", "Choisir une photo…";
    RemovePhoto => "Remove photo", "Retirer la photo";
    Age => "Age", "Âge";
    Gender => "Gender", "Genre";
    Family => "Family", "Situation familiale";
    Occupation => "Occupation", "Profession";
    Segment => "Segment", "Segment";
    Quote => "Quote", "Citation";
    Hobbies => "Hobbies (one per line)", "Loisirs (un par ligne)";
    BuyingHabits => "Buying habits (one per line)", "Habitudes d’achat (une par ligne)";
    Goals => "Goals (one per line)", "Objectifs (un par ligne)";
    Frustrations => "Frustrations (one per line)", "Frustrations (une par ligne)";
    AnotherLane => "Add another lane for this persona", "Ajouter une autre ligne pour ce persona";
    DeletePersona => "Delete persona (with its lanes)", "Supprimer le persona (avec ses lignes)";
    Map => "Map", "Carte";
    Language => "Language (e.g. fr, en-GB)", "Langue (ex. fr, en-GB)";
    Author => "Author", "Auteur";
    Revision => "Revision", "Révision";
    EmotionScale => "Emotion scale", "Échelle d’émotion";
    From => "From", "De";
    To => "to", "à";
    LabelFor => "Label for {level}", "Libellé pour {level}";
    EmotionTip => "Emotion {level}", "Émotion {level}";
    EmotionTipLabel => "Emotion {level}: {label}", "Émotion {level}\u{a0}: {label}";
    CardTitle => "Card title", "Titre de la fiche";
    StageName => "Stage name", "Nom de l’étape";
    MapCanvas => "Map canvas", "Canevas de la carte";

    // Left panel
    Lanes => "Lanes", "Lignes";
    ShowOnMap => "Show on the map", "Afficher sur la carte";
    DragToReorder => "Drag to reorder", "Glisser pour réordonner";
    HiddenSuffix => "{name} (hidden)", "{name} (masquée)";
    MoveUp => "Move up", "Monter";
    MoveDown => "Move down", "Descendre";
    MoveLeft => "Move left", "Vers la gauche";
    MoveRight => "Move right", "Vers la droite";
    AddLane => "+ Add lane", "+ Ajouter une ligne";
    NewPersonaLane => "New persona lane", "Nouvelle ligne persona";
    LaneForPersona => "Lane for persona", "Ligne pour un persona";
    SharedLane => "Shared lane: {kind}", "Ligne commune\u{a0}: {kind}";
    Personas => "Personas", "Personas";
    Stages => "Stages", "Étapes";

    // Shared lane kinds (new lanes are titled with these, in the interface language)
    LaneActions => "Actions", "Actions";
    LaneThoughts => "Thoughts", "Pensées";
    LaneChannels => "Channels", "Canaux";
    LanePainPoints => "Pain points", "Points de douleur";
    LaneOpportunities => "Opportunities", "Opportunités";
    LaneIdeas => "Ideas", "Idées";
    LaneBackstage => "Backstage", "Coulisses";
    LaneKpis => "KPIs", "Indicateurs";
    LaneText => "Text", "Texte";

    // Preferences
    PreferencesTitle => "Preferences", "Préférences";
    InterfaceLanguage => "Interface language", "Langue de l’interface";
    SystemLanguage => "System ({lang})", "Système ({lang})";
    PrefsNote => "Map content is never translated.", "Le contenu des cartes n’est jamais traduit.";
    CannotSavePrefs => "cannot save the preferences ({error})", "impossible d’enregistrer les préférences ({error})";

    // Workshop: presentation, search, funnel
    PresentHint => "← → stage by stage · ↑ ↓ lanes · Home / End · Esc to leave", "← → étape par étape · ↑ ↓ lignes · Début / Fin · Échap pour quitter";
    PresentStage => "Stage {n} of {count}: {name}", "Étape {n} sur {count}\u{a0}: {name}";
    PresentOverview => "Overview", "Vue d’ensemble";
    FindLabel => "Find cards", "Rechercher des fiches";
    FindHint => "words, channel, kind, tag…", "mots, canal, type, étiquette…";
    FindCount => "{n} of {count}", "{n} sur {count}";
    FindNone => "no card matches", "aucune fiche ne correspond";
    FindNext => "Next match (Enter)", "Résultat suivant (Entrée)";
    FindPrevious => "Previous match (Shift+Enter)", "Résultat précédent (Maj+Entrée)";
    FindClose => "Close the search (Esc)", "Fermer la recherche (Échap)";
    FilterBy => "Filter", "Filtrer";
    FilterPersonas => "Personas", "Personas";
    FilterLanes => "Lanes", "Lignes";
    FilterChannels => "Channels", "Canaux";
    FilterKinds => "Kinds", "Types";
    FilterTags => "Tags", "Étiquettes";
    FilterClear => "Clear filters", "Effacer les filtres";
    ViewMap => "Journey map", "Carte du parcours";
    ViewFunnel => "Funnel and insights", "Entonnoir et enseignements";

    // Merge conflicts
    ConflictsTitle => "Merge conflicts", "Conflits de fusion";
    ConflictsBanner => "{conflicts}: the map keeps our side until you choose.", "{conflicts}\u{a0}: la carte garde notre version tant que vous ne choisissez pas.";
    ShowConflicts => "Resolve…", "Résoudre…";
    ConflictField => "{element} · {field}", "{element} · {field}";
    Ours => "Ours", "La nôtre";
    Theirs => "Theirs", "La leur";
    KeepOurs => "Keep ours", "Garder la nôtre";
    TakeTheirs => "Take theirs", "Prendre la leur";
    AllResolved => "All conflicts are resolved.", "Tous les conflits sont résolus.";
    TheMap => "the map", "la carte";

    // The workshop room (issue 15): its window, the inbox tray, the dot vote
    ActOpenRoom => "Open a room…", "Ouvrir une salle…";
    ActCloseRoom => "Close room", "Fermer la salle";
    ActStartVote => "Start a vote…", "Lancer un vote…";
    ActStopVote => "Stop vote", "Arrêter le vote";
    RoomTitle => "Workshop room", "Salle de l’atelier";
    RoomScan => "Participants scan this code with their phone, on the same network.", "Les participants scannent ce code avec leur téléphone, sur le même réseau.";
    RoomParticipants => "Participants connected: {n}", "Participants connectés\u{a0}: {n}";
    RoomPrintSheet => "Print join sheet…", "Imprimer la feuille d’accueil…";
    RoomRenew => "Renew link", "Renouveler le lien";
    RoomOpened => "Room open: {url}", "Salle ouverte\u{a0}: {url}";
    RoomClosed => "The room is closed.", "La salle est fermée.";
    RoomFailed => "The room could not open: {error}", "La salle n’a pas pu s’ouvrir\u{a0}: {error}";
    PickJoinSheet => "Save the join sheet (PDF or PNG)", "Enregistrer la feuille d’accueil (PDF ou PNG)";
    JoinSheetWritten => "Join sheet written: {file}", "Feuille d’accueil enregistrée\u{a0}: {file}";
    InboxTitle => "Inbox", "Boîte de réception";
    InboxEmpty => "No notes yet: participants’ notes arrive here.", "Aucune note pour l’instant\u{a0}: les notes des participants arrivent ici.";
    InboxAnonymous => "anonymous", "anonyme";
    InboxAnyStage => "any stage", "toutes étapes";
    InboxAddToCell => "Add to the selected cell", "Ajouter à la cellule sélectionnée";
    InboxSelectCell => "Select a cell on the map to place notes.", "Sélectionnez une cellule de la carte pour y placer des notes.";
    InboxDismiss => "Dismiss", "Écarter";
    RoomCornerJoin => "Join from your phone", "Participez depuis votre téléphone";
    InboxDragHint => "Drag a note onto a cell of the map to make it a card there.", "Glissez une note sur une cellule de la carte pour en faire une fiche.";
    CardMovedCellGone => "The cell of the card being typed was removed meanwhile: the card was added to another cell", "La cellule de la fiche en cours de saisie a été supprimée entre-temps\u{a0}: la fiche a été ajoutée dans une autre cellule";
    CardCellGone => "The map has no cell left for the card being typed: {text}", "La carte n’a plus de cellule pour la fiche en cours de saisie\u{a0}: {text}";
    RoomFacilitator => "Facilitator", "Animateur";
    ActJoinRoom => "Join a room…", "Rejoindre un atelier…";
    ActLeaveRoom => "Leave the room", "Quitter l’atelier";
    JoinExplain => "Paste the desktop link shown in the host’s room window. You edit the host’s map together; your undo takes back only your own changes.", "Collez le lien «\u{a0}postes de travail\u{a0}» affiché dans la fenêtre d’atelier de l’hôte. Vous modifiez sa carte ensemble\u{202f}; votre annulation ne reprend que vos propres modifications.";
    JoinLink => "Desktop link", "Lien pour les postes de travail";
    JoinYourName => "Your name (shown to the others)", "Votre nom (visible des autres)";
    JoinButton => "Join", "Rejoindre";
    JoinBadLink => "This is not a room’s desktop link (it looks like http://ADDRESS:PORT/d/…).", "Ce n’est pas un lien d’atelier pour poste de travail (il a la forme http://ADRESSE:PORT/d/…).";
    JoinFailed => "Could not join the room: {error}", "Impossible de rejoindre l’atelier\u{a0}: {error}";
    JoinConnecting => "Joining the room at {url}…", "Connexion à l’atelier {url}…";
    JoinJoined => "Joined the room: “{title}”", "Atelier rejoint\u{a0}: «\u{a0}{title}\u{a0}»";
    JoinRejected => "The host refused one of your changes: {error}", "L’hôte a refusé une de vos modifications\u{a0}: {error}";
    JoinDisconnected => "Connection to the room lost: your changes are kept and sent when it is back", "Connexion à l’atelier perdue\u{a0}: vos modifications sont gardées et seront envoyées à son retour";
    JoinReconnected => "Connected to the room again", "De nouveau connecté à l’atelier";
    JoinClosed => "The room closed; the map stays here, unsaved", "L’atelier est fermé\u{202f}; la carte reste ici, non enregistrée";
    JoinRenewed => "The host renewed the room’s link; the map stays here, unsaved. Ask for the new link to join again", "L’hôte a renouvelé le lien de l’atelier\u{202f}; la carte reste ici, non enregistrée. Demandez le nouveau lien pour revenir";
    JoinWaiting => "connecting…", "connexion…";
    JoinLive => "live", "en direct";
    JoinSending => "live · sending…", "en direct · envoi…";
    JoinOffline => "offline · changes waiting: {n}", "hors ligne · modifications en attente\u{a0}: {n}";
    JoinFull => "The room is full", "L’atelier est complet";
    JoinRefused => "The room refused this desktop (the link may be old)", "L’atelier a refusé ce poste (le lien est peut-être périmé)";
    JoinLeft => "Left the room; the map stays here, unsaved", "Atelier quitté\u{202f}; la carte reste ici, non enregistrée";
    JoinName => "room at {host}", "atelier sur {host}";
    JoinCopySaved => "A copy of the room’s map is saved at {path}; you are still in the room", "Une copie de la carte de l’atelier est enregistrée dans {path}\u{202f}; vous êtes toujours dans l’atelier";
    RoomDesktopLink => "Other desktops join with Workshop › Join a room… and this link:", "Les autres postes rejoignent par Atelier › Rejoindre un atelier… avec ce lien\u{a0}:";
    RoomCopyLink => "Copy", "Copier";
    InboxRemoveParticipant => "Remove participant", "Retirer le participant";
    InboxRemoveParticipantHint => "Removes every note and vote this participant sent and refuses them until the room closes (Ctrl+Z brings the notes and votes back)", "Retire toutes les notes et tous les votes de ce participant et le refuse jusqu’à la fermeture de l’atelier (Ctrl+Z rend les notes et les votes)";
    NoteKindNote => "note", "remarque";
    NoteKindTouchpoint => "touchpoint", "point de contact";
    NoteKindPainPoint => "pain point", "point de friction";
    NoteKindOpportunity => "opportunity", "opportunité";
    NoteKindIdea => "idea", "idée";
    NoteKindQuestion => "question", "question";
    VoteTitle => "Dot vote", "Vote par gommettes";
    VoteKinds => "Cards that can be voted on (none ticked: all):", "Cartes soumises au vote (aucune cochée\u{a0}: toutes)\u{a0}:";
    VoteDots => "Dots per participant", "Gommettes par participant";
    VoteTimed => "Stop after (minutes)", "Arrêter après (minutes)";
    VoteOpen => "Vote open: {dots} dots each", "Vote ouvert\u{a0}: {dots}\u{a0}gommettes chacun";

    // The canvas: fitting, zoom menu (issue 14)
    ActFitAll => "Fit all", "Tout afficher";
    ActFitStage => "Fit the selected stage", "Ajuster à l’étape sélectionnée";
    ZoomMenu => "Zoom", "Zoom";

    // Words (issue 14)
    NeverSaved => "never saved", "jamais enregistrée";

    // Room for the map (issue 14)
    ActLanesPanel => "Lanes panel", "Panneau des lignes";
    ActInspectorPanel => "Inspector", "Inspecteur";
    ActFocus => "Focus on the map", "Concentration sur la carte";
    MoreTools => "More tools", "Autres outils";
    EmptyMapHint => "No cards yet: double-click a cell, or press Enter, to add a card.", "Aucune fiche pour l’instant\u{a0}: double-cliquez sur une cellule, ou appuyez sur Entrée, pour ajouter une fiche.";
}

macro_rules! counted {
    ($( $key:ident => $en_one:literal, $en_other:literal, $fr_one:literal, $fr_other:literal; )*) => {
        /// A count with its noun, in the forms each language's plural rule asks for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum N { $( #[doc = concat!("`", $en_other, "`")] $key, )* }

        impl N {
            /// Every counted text, for the catalogue's tests.
            pub const ALL: &[N] = &[$(N::$key),*];

            /// The singular and plural forms in `lang`.
            pub fn forms(self, lang: Lang) -> (&'static str, &'static str) {
                match lang {
                    Lang::En => match self { $(N::$key => ($en_one, $en_other),)* },
                    Lang::Fr => match self { $(N::$key => ($fr_one, $fr_other),)* },
                }
            }
        }
    };
}

counted! {
    Stages => "{n} stage", "{n} stages", "{n}\u{a0}étape", "{n}\u{a0}étapes";
    Lanes => "{n} lane", "{n} lanes", "{n}\u{a0}ligne", "{n}\u{a0}lignes";
    Cards => "{n} card", "{n} cards", "{n}\u{a0}fiche", "{n}\u{a0}fiches";
    Personas => "{n} persona", "{n} personas", "{n}\u{a0}persona", "{n}\u{a0}personas";
    Selected => "{n} selected", "{n} selected", "{n}\u{a0}élément sélectionné", "{n}\u{a0}éléments sélectionnés";
    Conflicts => "{n} conflict to resolve", "{n} conflicts to resolve", "{n}\u{a0}conflit à résoudre", "{n}\u{a0}conflits à résoudre";
    MergeConflicts => "{n} merge conflict to resolve", "{n} merge conflicts to resolve", "{n}\u{a0}conflit de fusion à résoudre", "{n}\u{a0}conflits de fusion à résoudre";
    UnsavedChanges => "{n} unsaved change", "{n} unsaved changes", "{n}\u{a0}modification non enregistrée", "{n}\u{a0}modifications non enregistrées";
    MapErrors => "{n} error", "{n} errors", "{n}\u{a0}erreur", "{n}\u{a0}erreurs";
    OtherCopies => "{n} other copy", "{n} other copies", "{n}\u{a0}autre copie", "{n}\u{a0}autres copies";
}

impl N {
    /// `count` with the right form of its noun in `lang`, by the language's CLDR plural rule:
    /// « 0 fiche », « 1 fiche », « 2 fiches »; "0 cards", "1 card".
    pub fn n(self, lang: Lang, count: usize) -> String {
        let (one, other) = self.forms(lang);
        lang.count(count, one, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
    }

    #[test]
    fn both_languages_say_something_with_the_same_placeholders() {
        for key in T::ALL {
            let (en, fr) = (key.tr(Lang::En), key.tr(Lang::Fr));
            assert!(!en.trim().is_empty() && !fr.trim().is_empty(), "{key:?} is empty");
            assert_eq!(placeholders(en), placeholders(fr), "{key:?}: placeholders differ");
        }
    }

    #[test]
    fn every_count_has_both_forms_in_both_languages() {
        for key in N::ALL {
            for lang in [Lang::En, Lang::Fr] {
                let (one, other) = key.forms(lang);
                assert!(one.contains("{n}") && other.contains("{n}"), "{key:?} in {lang:?} lacks {{n}}");
                assert_eq!(placeholders(one), placeholders(other), "{key:?}");
            }
            // French counts never break from their noun.
            assert!(key.forms(Lang::Fr).0.starts_with("{n}\u{a0}"), "{key:?}");
        }
        assert_eq!(N::Cards.n(Lang::Fr, 1), "1\u{a0}fiche");
        assert_eq!(N::Cards.n(Lang::Fr, 0), "0\u{a0}fiche");
        assert_eq!(N::Lanes.n(Lang::En, 1), "1 lane");
        assert_eq!(N::Lanes.n(Lang::En, 0), "0 lanes");
    }

    #[test]
    fn french_uses_french_typography() {
        for key in T::ALL {
            let fr = key.tr(Lang::Fr);
            for mark in [':', '?', '!', ';'] {
                for (at, _) in fr.match_indices(mark) {
                    let before = fr[..at].chars().next_back();
                    // A colon inside a word or number (`12:30`, `https:`) is not punctuation.
                    if mark == ':' && before.is_some_and(|c| !c.is_whitespace()) {
                        continue;
                    }
                    let wanted = if mark == ':' { '\u{a0}' } else { '\u{202f}' };
                    assert!(
                        before == Some(wanted) || (mark == ':' && before == Some('\u{202f}')),
                        "{key:?}: `{mark}` in {fr:?} needs a no-break space before it"
                    );
                }
            }
            assert!(!fr.contains('\''), "{key:?}: French uses the typographic apostrophe ’ ({fr:?})");
        }
    }

    #[test]
    fn french_and_english_differ_where_words_do() {
        // A catalogue that forgot to translate shows English in French: most texts must differ.
        let same = T::ALL.iter().filter(|k| k.tr(Lang::En) == k.tr(Lang::Fr)).count();
        assert!(same * 5 < T::ALL.len(), "{same} of {} texts are the same in both languages", T::ALL.len());
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let text = fill(T::PresentStage.tr(Lang::Fr), &[("n", "2"), ("count", "7"), ("name", "Achat")]);
        assert_eq!(text, "Étape 2 sur 7\u{a0}: Achat");
    }
}
