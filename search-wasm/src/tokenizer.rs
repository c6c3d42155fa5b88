//! The Vietnamese analysis as tantivy tokenizers, for indexing.
//!
//! Two tokenizers over the same words ([`crate::analysis::words`]): one emits the folded form,
//! one the accented form. Both skip phone-like numbers and add the expansions of abbreviations
//! the document uses. Queries never go through tantivy's tokenizers: the query builder makes
//! its terms from the same analysis directly, so nothing needs registering after a shard is
//! opened.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

use crate::analysis::{words, Word};
use crate::schema::{ACCENTED, FOLDED};
use crate::synonyms::Synonyms;

/// Which form of each word a tokenizer emits.
#[derive(Clone, Copy, Debug)]
enum Form {
    Folded,
    Accented,
}

/// A tantivy tokenizer emitting one form of each Vietnamese word.
#[derive(Clone)]
struct VietnameseTokenizer {
    form: Form,
    synonyms: Arc<Synonyms>,
}

/// Registers both tokenizers, expanding abbreviations with `synonyms`.
pub(crate) fn register(manager: &TokenizerManager, synonyms: &Synonyms) {
    let synonyms = Arc::new(synonyms.clone());
    for (name, form) in [(FOLDED, Form::Folded), (ACCENTED, Form::Accented)] {
        let tokenizer = VietnameseTokenizer {
            form,
            synonyms: synonyms.clone(),
        };
        manager.register(name, tokenizer);
    }
}

impl VietnameseTokenizer {
    fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        for word in words(text).iter().filter(|w| !w.is_phone_like()) {
            self.push(&mut tokens, word, word);
            let expansions = self.synonyms.document_expansions(&word.folded);
            for expansion in expansions.unwrap_or_default() {
                for part in words(expansion) {
                    self.push(&mut tokens, &part, word);
                }
            }
        }
        tokens
    }

    /// Adds `word`'s form, placed where `source` is in the text.
    fn push(&self, tokens: &mut Vec<Token>, word: &Word, source: &Word) {
        let text = match self.form {
            Form::Folded => word.folded.clone(),
            Form::Accented => word.accented.clone(),
        };
        tokens.push(Token {
            offset_from: source.start,
            offset_to: source.end,
            position: tokens.len(),
            text,
            position_length: 1,
        });
    }
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        WordStream {
            tokens: self.tokens(text),
            next: 0,
        }
    }
}

/// The tokens of one text, handed out in order.
struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(form: Form, text: &str) -> Vec<String> {
        let tokenizer = VietnameseTokenizer {
            form,
            synonyms: Arc::new(Synonyms::builtin()),
        };
        tokenizer.tokens(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn abbreviations_in_documents_are_also_indexed_expanded() {
        assert_eq!(
            texts(Form::Folded, "TP Hạ Long"),
            ["tp", "thanh", "pho", "ha", "long"]
        );
        assert_eq!(texts(Form::Accented, "TP"), ["tp", "`thanh", "'phô"]);
    }

    #[test]
    fn phone_numbers_in_text_are_not_indexed() {
        assert_eq!(
            texts(Form::Folded, "gọi 0912345678 số 5"),
            ["goi", "so", "5"]
        );
    }

    #[test]
    fn one_letter_words_are_not_expanded_in_documents() {
        assert_eq!(texts(Form::Folded, "Nguyễn Văn P"), ["nguyen", "van", "p"]);
    }
}
