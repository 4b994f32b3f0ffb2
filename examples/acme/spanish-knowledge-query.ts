import { tokenizeLanguages, tokenizeUtterance } from '../../engine/nlu/tokenize-utterance.ts';

/**
 * Spanish words of Acme's policies and their English terms in the help articles. Keys are read through the
 * Spanish tokenizer, so every form of a word matches ("devoluciones", "devolucion" and "devolver" share a stem).
 */
const glossary: Readonly<Record<string, string>> = {
  devolución: 'return', devolver: 'return', devuelvo: 'return', reembolso: 'refund', reembolsar: 'refund', reintegro: 'refund',
  dinero: 'refund money', cambio: 'exchange', cambiar: 'exchange', talla: 'size', plazo: 'window days', días: 'days',
  estado: 'condition', usado: 'used worn', etiqueta: 'label tags', envío: 'shipping', enviar: 'shipping', gastos: 'cost',
  cuesta: 'cost', costo: 'cost', precio: 'price', gratis: 'free', gratuito: 'free', internacional: 'international',
  extranjero: 'international', país: 'countries', tarda: 'how long', seguimiento: 'tracking', rastrear: 'tracking',
  perdido: 'lost', retraso: 'late', paquete: 'parcel', dirección: 'address', garantía: 'warranty',
  reparación: 'repair', reparar: 'repair', roto: 'broken damaged', defectuoso: 'defective', batería: 'battery batteries',
  protección: 'protection', ampliada: 'extended', cubre: 'cover', reclamación: 'claim', cuenta: 'account',
  contraseña: 'password', datos: 'personal data', privacidad: 'privacy', borrar: 'delete', puntos: 'reward points',
  socio: 'membership', miembro: 'membership', tarjeta: 'card', regalo: 'gift', código: 'code', promocional: 'promo',
  cupón: 'promo code', descuento: 'discount', estudiante: 'student', cumpleaños: 'birthday', pago: 'payment', pagar: 'pay',
  plazos: 'instalments', cuotas: 'instalments', impuesto: 'sales tax', iva: 'tax', rechazado: 'failed payment',
  rebaja: 'price drop', igualar: 'price match', métodos: 'methods', paypal: 'paypal', crédito: 'credit card',
};

const spanish = { language: tokenizeLanguages.es! };
const byStem = new Map(Object.entries(glossary).map(([word, english]) => [tokenizeUtterance(word, spanish).join(' '), english]));

/**
 * The English search query for a Spanish question about Acme's policies: its policy words in English (other words
 * dropped, since the documents are English). "¿Cuánto tarda el reembolso de una devolución?" → "how long refund return".
 */
export function spanishKnowledgeQuery(text: string): string {
  return tokenizeUtterance(text, spanish)
    .flatMap((stem) => byStem.get(stem) ?? [])
    .join(' ');
}
