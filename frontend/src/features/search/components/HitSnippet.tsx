//! A hit's passage with the words found marked (`<mark>`), rendered as text.
import { snippetPieces } from '../api/snippet';

export function HitSnippet({ snippet }: { snippet: string }) {
  return (
    <p className="hit-snippet">
      {snippetPieces(snippet).map((piece, i) => (piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </p>
  );
}
