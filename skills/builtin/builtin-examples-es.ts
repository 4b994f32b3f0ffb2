import type { BuiltinIntentName } from './builtin-skills.ts';

/** Spanish training utterances for the built-in intents, written as people type them (accents and `¿ ¡` optional). */
export const builtinExamplesEs: Readonly<Record<BuiltinIntentName, readonly string[]>> = {
  greet: [
    'hola', 'holaa', 'hola!', '¡hola!', 'buenas', 'buenos días', 'buenos dias', 'buenas tardes', 'buenas noches',
    'hola, buenos días', 'hola, ¿qué tal?', 'qué tal', 'que tal', '¿cómo estás?', 'como estas', 'hola, ¿cómo estás?',
    'saludos', 'hey', 'ey, hola', 'hola buenas', 'muy buenas', 'buen día', 'hola, ¿hay alguien?', 'hola, ¿me atiende alguien?',
    'hola de nuevo', 'hola otra vez', 'holi', 'hola amigo', 'hola, encantado', 'hola, mucho gusto', 'qué onda', '¿qué hay?',
    'hola, tengo una pregunta', 'hola, buenas tardes, una consulta', 'hola acme', 'buenas, ¿qué tal todo?', 'alo', 'hola bot',
  ],
  goodbye: [
    'adiós', 'adios', 'chao', 'chau', 'hasta luego', 'hasta pronto', 'hasta mañana', 'nos vemos', 'nos vemos luego',
    'me voy', 'me tengo que ir', 'ya me voy', 'eso es todo, adiós', 'listo, hasta luego', 'bueno, chao', 'que tengas un buen día',
    'que tenga buen día', 'buenas noches, adiós', 'hasta la próxima', 'cuídate', 'hablamos luego', 'nada más, adiós',
    'ya está, me despido', 'me despido', 'terminar la conversación', 'cerrar el chat', 'eso era todo, gracias y adiós', 'bye',
    'venga, hasta luego', 'feliz día', 'que vaya bien', 'ok, hasta otra',
  ],
  thanks: [
    'gracias', 'muchas gracias', 'mil gracias', 'muchísimas gracias', 'gracias!', '¡gracias!', 'te lo agradezco',
    'se lo agradezco', 'muy amable', 'gracias por la ayuda', 'gracias por tu ayuda', 'genial, gracias', 'perfecto, gracias',
    'vale, gracias', 'ok gracias', 'gracias, muy útil', 'me has ayudado mucho', 'eres un crack', 'gracias de verdad',
    'muchas gracias por todo', 'gracias, eso es justo lo que necesitaba', 'estupendo, gracias', 'qué bien, gracias',
    'grax', 'thx', 'agradecido', 'agradecida', 'gracias por la información', 'excelente, gracias', 'gracias, muy amable',
  ],
  help: [
    'ayuda', 'ayúdame', 'ayudame por favor', 'necesito ayuda', '¿qué puedes hacer?', 'que puedes hacer', '¿en qué me puedes ayudar?',
    '¿cómo funciona esto?', 'como funciona esto', '¿qué sabes hacer?', '¿para qué sirves?', '¿quién eres?', '¿eres un bot?',
    'menú', 'opciones', '¿qué opciones tengo?', 'estoy perdido', 'estoy perdida', 'no sé qué escribir', '¿qué te puedo preguntar?',
    'dame ejemplos de lo que puedo preguntar', 'no entiendo cómo funciona', 'socorro', '¿cómo te uso?', '¿qué temas cubres?',
    'dime qué puedes hacer', '¿me ayudas?', 'necesito orientación', 'explícame cómo usar el chat', '¿por dónde empiezo?',
    '¿y ahora qué?', 'estoy confundido', 'no sé cómo seguir',
  ],
  cancel: [
    'cancelar', 'cancela', 'cancélalo', 'cancela eso', 'olvídalo', 'olvidalo', 'déjalo', 'dejalo', 'para', 'detente',
    'basta', 'salir', 'cambié de opinión', 'cambie de opinion', 'ya no quiero', 'no quiero seguir', 'no quiero continuar',
    'mejor no', 'mejor lo dejamos', 'déjalo estar', 'empezar de nuevo', 'volver a empezar', 'vuelve atrás', 'ignora eso',
    'olvida lo que dije', 'no importa', 'da igual, olvídalo', 'lo haré más tarde', 'ahora no', 'para ya', 'anula eso',
    'anular', 'cancela la solicitud', 'no, cancela', 'deja de preguntarme', 'sácame de aquí', 'paso', 'nada, olvídalo',
  ],
};
