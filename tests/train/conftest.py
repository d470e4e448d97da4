"""Tiny offline models for the train tests: a 2-layer BERT (hidden 32) and a word-level
tokenizer built from a vocabulary file written here -- no download, no bundled model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

WORDS = ("good great fine happy love nice excellent bad awful poor sad hate terrible "
         "worst movie film plot actor story the a was is it this and very").split()


def make_tiny_model(directory: Path, *, num_labels: int = 2, seed: int = 0) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    # transformers 5: the vocabulary is passed as a mapping (vocab_file= is ignored).
    tokenizer = BertTokenizer(vocab={word: i for i, word in enumerate(vocab)},
                              do_lower_case=True)
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=64, num_labels=num_labels)
    model = BertForSequenceClassification(config)
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


def make_texts(n: int, *, seed: int = 0) -> tuple[list[str], list[int]]:
    """Sentiment-like sentences with a real signal (positive vs negative words)."""
    rng = random.Random(seed)
    positive, negative = WORDS[:7], WORDS[7:14]
    filler = WORDS[14:]
    texts, labels = [], []
    for _ in range(n):
        label = rng.randrange(2)
        words = rng.sample(filler, 3) + [rng.choice(positive if label else negative)
                                         for _ in range(2)]
        rng.shuffle(words)
        texts.append(" ".join(words))
        labels.append(label)
    return texts, labels


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_model(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="session")
def tiny_data() -> tuple[list[str], list[int]]:
    return make_texts(96)
