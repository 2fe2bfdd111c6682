"""Analysis of extracted documents: entities, article references, events, recommendations, topics, embeddings."""

NLP_VERSION = "4"
