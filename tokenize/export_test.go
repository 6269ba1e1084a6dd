package tokenize

// TokensUAX29 tokenises the whole of text with uax29 alone: the reference
// the ASCII fast path of Tokens must agree with.
func (tz *Tokenizer) TokensUAX29(text string, dst []Token) []Token {
	return tz.uax29Words(text, 0, len(text), dst)
}
