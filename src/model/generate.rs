//! Generated maps of any size, for benchmarks and stress tests.

use super::{
    Card, CardKind, Channel, EmotionScale, IdGen, IdKind, Lane, LaneKind, Map, Metrics, Persona, Stage,
};

/// A realistic-looking map with `stages` columns, `lanes` rows (half persona lanes) and `cards`
/// cards spread over the cells. The same arguments always give the same map.
pub fn large_map(stages: usize, lanes: usize, cards: usize, seed: u64) -> Map {
    let mut ids = IdGen::with_seed(seed);
    let mut map = Map::new(format!("Carte générée — {stages} étapes × {lanes} couloirs × {cards} cartes"));
    map.language = "fr".into();
    map.description =
        "Carte de test générée pour mesurer le chargement, l’enregistrement et la mise en page.".into();
    map.emotion_scale = EmotionScale::default();
    for i in 0..stages {
        map.stages.push(Stage {
            id: ids.fresh(IdKind::Stage),
            name: format!("Étape {} : prise de décision", i + 1),
            description: "Ce que vit le client à cette étape, en une phrase.".into(),
            colour: None,
            metrics: Metrics {
                nps: Some(((i * 17) % 200) as f64 - 100.0),
                conversion: Some(((i * 13) % 100) as f64),
                ..Metrics::default()
            },
        });
    }
    for i in 0..lanes {
        let id = ids.fresh(IdKind::Lane);
        let kind = if i % 2 == 0 {
            let persona = ids.fresh(IdKind::Persona);
            map.personas.push(Persona {
                id: persona.clone(),
                name: format!("Persona {}", i / 2 + 1),
                age: Some(25 + u32::try_from(i * 7 % 40).unwrap_or(0)),
                occupation: "Chargée de communication".into(),
                goals: vec!["Trouver vite le bon produit".into()],
                ..Persona::default()
            });
            LaneKind::Persona(persona)
        } else {
            LaneKind::SHARED[i % LaneKind::SHARED.len()].clone()
        };
        map.lanes.push(Lane { id, title: format!("Couloir {}", i + 1), kind, hidden: false });
    }
    let words = ["recherche", "avis", "comparateur", "livraison", "panier", "appel", "magasin", "courriel"];
    for i in 0..cards {
        let (Some(lane), Some(stage)) =
            (map.lanes.get(i % lanes.max(1)), map.stages.get((i / lanes.max(1)) % stages.max(1)))
        else {
            break;
        };
        let mut card = Card::new(
            ids.fresh(IdKind::Card),
            lane.id.clone(),
            stage.id.clone(),
            format!("Point de contact n° {i} : {} puis {}", words[i % 8], words[(i / 8) % 8]),
        );
        card.order = u32::try_from(i / (lanes.max(1) * stages.max(1))).unwrap_or(u32::MAX);
        card.kind = CardKind::ALL[i % CardKind::ALL.len()];
        card.channel = Some(Channel::ALL[i % Channel::ALL.len()]);
        card.emotion = Some(i32::try_from(i % 5).unwrap_or(0) - 2);
        if i % 3 == 0 {
            card.details = "Le client hésite, compare les frais de port et revient le lendemain.".into();
        }
        if i % 4 == 0 {
            card.tags = vec!["atelier".into(), "prioritaire".into()];
        }
        map.cards.push(card);
    }
    map
}

/// The ids a generated map used, so editing code can avoid them.
pub fn observed_ids(map: &Map) -> IdGen {
    let mut ids = IdGen::with_seed(u64::MAX);
    ids.observe(map.ids());
    ids
}
