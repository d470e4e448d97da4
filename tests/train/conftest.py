"""Tiny offline models for the train tests: a 2-layer BERT (hidden 32) and a word-level
tokenizer built from a vocabulary file written here -- no download, no bundled model."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

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


LM_WORDS = ("the a cat dog bird sat ran flew on under mat tree my account number is zero "
            "one two three four five six seven eight nine 0 1 2 3 4 5 6 7 8 9").split()


def make_tiny_causal_lm(directory: Path, *, kind: str = "llama", seed: int = 0) -> Path:
    """A 2-layer causal LM built from a config (LLaMA: RMSNorm, rotary positions; GPT-2:
    Conv1D, LayerNorm, learned positions; both with tied input/output embeddings) and a
    word-level tokenizer trained on nothing (its vocabulary is given) -- fully offline."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    directory.mkdir(parents=True, exist_ok=True)
    specials = ["<pad>", "<unk>", "<s>", "</s>"]
    vocab = {word: i for i, word in enumerate(specials + list(LM_WORDS))}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    backend.post_processor = processors.TemplateProcessing(
        single="<s> $A", special_tokens=[("<s>", vocab["<s>"])])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="<pad>",
                                        unk_token="<unk>", bos_token="<s>", eos_token="</s>")
    torch.manual_seed(seed)
    ids = dict(pad_token_id=0, bos_token_id=2, eos_token_id=3)
    if kind == "llama":
        model: Any = LlamaForCausalLM(LlamaConfig(
            vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
            num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=64,
            tie_word_embeddings=True, **ids))
    else:
        model = GPT2LMHeadModel(GPT2Config(vocab_size=len(vocab), n_embd=32, n_layer=2,
                                           n_head=2, n_positions=64, **ids))
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


def make_lm_texts(n: int, *, seed: int = 0) -> list[str]:
    """Short sentences with structure a tiny LM can learn (subject, verb, place)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        out.append(f"the {rng.choice(['cat', 'dog', 'bird'])} "
                   f"{rng.choice(['sat', 'ran', 'flew'])} {rng.choice(['on', 'under'])} "
                   f"the {rng.choice(['mat', 'tree'])}")
    return out


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_causal_lm(tmp_path_factory.mktemp("tiny-llama"), kind="llama")


@pytest.fixture(scope="session")
def tiny_gpt2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_causal_lm(tmp_path_factory.mktemp("tiny-gpt2"), kind="gpt2")
