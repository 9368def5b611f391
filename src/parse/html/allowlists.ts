/**
 * What the sanitizer lets through. These lists follow the Universal Feed Parser's sanitizer
 * (the behaviour the conformance suite's `wellformed/sanitize/` cases describe), so feed readers
 * that compare against feedparser see the same markup. Everything not listed is dropped.
 */

function set(words: string): ReadonlySet<string> {
  return new Set(words.trim().split(/\s+/));
}

/** HTML elements kept (with their allowed attributes). `form` is deliberately absent: see sanitize.ts. */
export const HTML_ELEMENTS = set(`
  a abbr acronym address area article aside audio b big blockquote br button canvas caption center
  cite code col colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em
  event-source fieldset figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img input
  ins kbd keygen label legend li m map menu meter multicol nav nextid noscript ol optgroup option
  output p pre progress q rp rt ruby s samp section select small sound source spacer span strike
  strong sub sup table tbody td textarea tfoot th thead time tr tt u ul var video
`);

/** Elements removed together with everything inside them. */
export const DROP_WITH_CONTENT = set('script style applet');

/** Elements written without an end tag. */
export const VOID_ELEMENTS = set(`
  area base basefont br col command embed frame hr img input isindex keygen link meta param
  source track wbr
`);

/** Elements after which plain text needs a separator (htmlToText). */
export const BLOCK_ELEMENTS = set(`
  address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure
  footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead
  tr ul caption title
`);

export const HTML_ATTRIBUTES = set(`
  abbr accept accept-charset accesskey action align alt autocomplete autofocus axis background
  balance bgcolor bgproperties border bordercolor bordercolordark bordercolorlight bottompadding
  cellpadding cellspacing ch challenge char charoff charset checked choff cite class clear color
  cols colspan compact contenteditable controls coords data datafld datapagesize datasrc datetime
  default delay dir disabled draggable dynsrc enctype end face for form frame galleryimg gutter
  headers height hidden hidefocus high href hreflang hspace icon id inputmode ismap keytype label
  lang leftspacing list longdesc loop loopcount loopend loopstart low lowsrc max maxlength media
  method min multiple name nohref noshade nowrap open optimum pattern ping point-size poster pqg
  preload prompt radiogroup readonly rel repeat-max repeat-min replace required rev rightspacing
  rows rowspan rules scope selected shape size span src start step style summary suppress
  tabindex target template title toppadding type unselectable urn usemap valign value variable
  volume vrml vspace width wrap xml:lang
`);

export const MATHML_ELEMENTS = set(`
  annotation annotation-xml maction maligngroup malignmark math menclose merror mfenced mfrac
  mglyph mi mlabeledtr mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot
  mrow ms mscarries mscarry msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup
  mtable mtd mtext mtr munder munderover none semantics
`);

export const MATHML_ATTRIBUTES = set(`
  accent accentunder actiontype align alignmentscope altimg altimg-height altimg-valign
  altimg-width alttext bevelled charalign close columnalign columnlines columnspacing columnspan
  columnwidth crossout decimalpoint denomalign depth dir display displaystyle edge encoding
  equalcolumns equalrows fence fontstyle fontweight form frame framespacing groupalign height href
  id indentalign indentalignfirst indentalignlast indentshift indentshiftfirst indentshiftlast
  indenttarget infixlinebreakstyle largeop length linebreak linebreakmultchar linebreakstyle
  lineleading linethickness location longdivstyle lquote lspace mathbackground mathcolor mathsize
  mathvariant maxsize minlabelspacing minsize movablelimits notation numalign open other overflow
  position rowalign rowlines rowspacing rowspan rquote rspace scriptlevel scriptminsize
  scriptsizemultiplier selection separator separators shift side src stackalign stretchy
  subscriptshift superscriptshift symmetric voffset width xlink:href xlink:show xlink:type xmlns
  xmlns:xlink
`);

/** SVG Tiny elements; SVG is case-sensitive, so the lookup is by lower case and the output camelCase. */
const SVG_ELEMENT_NAMES = `
  a animate animateColor animateMotion animateTransform circle defs desc ellipse font-face
  font-face-name font-face-src foreignObject g glyph hkern line linearGradient marker metadata
  missing-glyph mpath path polygon polyline radialGradient rect set stop svg switch text title
  tspan use
`;

const SVG_ATTRIBUTE_NAMES = `
  accent-height accumulate additive alphabetic arabic-form ascent attributeName attributeType
  baseProfile bbox begin by calcMode cap-height class color color-rendering content cx cy d
  descent display dur dx dy end fill fill-opacity fill-rule font-family font-size font-stretch
  font-style font-variant font-weight from fx fy g1 g2 glyph-name gradientUnits hanging height
  horiz-adv-x horiz-origin-x id ideographic k keyPoints keySplines keyTimes lang marker-end
  marker-mid marker-start markerHeight markerUnits markerWidth mathematical max min name offset
  opacity orient origin overline-position overline-thickness panose-1 path pathLength points
  preserveAspectRatio r refX refY repeatCount repeatDur requiredExtensions requiredFeatures
  restart rotate rx ry slope stemh stemv stop-color stop-opacity strikethrough-position
  strikethrough-thickness stroke stroke-dasharray stroke-dashoffset stroke-linecap
  stroke-linejoin stroke-miterlimit stroke-opacity stroke-width systemLanguage target text-anchor
  to transform type u1 u2 underline-position underline-thickness unicode unicode-range
  units-per-em values version viewBox visibility width widths x x-height x1 x2 xlink:actuate
  xlink:arcrole xlink:href xlink:role xlink:show xlink:title xlink:type xml:base xml:lang
  xml:space xmlns xmlns:xlink y y1 y2 zoomAndPan
`;

function caseMap(words: string): ReadonlyMap<string, string> {
  return new Map(
    words
      .trim()
      .split(/\s+/)
      .map((w) => [w.toLowerCase(), w] as const),
  );
}

/** lower-case name -> name as written in SVG. */
export const SVG_ELEMENTS = caseMap(SVG_ELEMENT_NAMES);
export const SVG_ATTRIBUTES = caseMap(SVG_ATTRIBUTE_NAMES);

/**
 * Attributes whose value is a URL: checked for a safe scheme and resolved against the base.
 * `usemap` is checked but not resolved, since it names a map in the same document.
 */
export const URL_ATTRIBUTES = set(`
  href src cite action background longdesc lowsrc dynsrc usemap poster data datasrc icon ping
  xlink:href altimg
`);

/** URL schemes allowed in links and sources; anything else (javascript:, vbscript:, data:...) is blanked. */
export const SAFE_URL_SCHEMES = set(`
  http https mailto ftp ftps sftp news nntp snews tel sms callto facetime skype magnet feed webcal
  irc ircs irc6 xmpp sip sips rtsp rtspu mms git svn svn+ssh ssh itms itms-apps gopher telnet
  wais prospero hdl aim ymsg msnim gtalk h323 rsync imap urn geo
`);

export const CSS_PROPERTIES = set(`
  azimuth background-color border-bottom-color border-collapse border-color border-left-color
  border-right-color border-top-color clear color cursor direction display elevation float font
  font-family font-size font-style font-variant font-weight height letter-spacing line-height
  overflow pause pause-after pause-before pitch pitch-range richness speak speak-header
  speak-numeral speak-punctuation speech-rate stress text-align text-decoration text-indent
  unicode-bidi vertical-align voice-family volume white-space width
`);

/** Properties of these families are kept when every keyword of the value is known-safe. */
export const CSS_SHORTHAND_FAMILIES = set('background border margin padding');

export const CSS_KEYWORDS = set(`
  !important aqua auto black block blue bold both bottom brown center collapse dashed dotted
  fuchsia gray green italic left lime maroon medium navy none normal nowrap olive pointer purple
  red right silver solid teal top transparent underline white yellow
`);

export const SVG_CSS_PROPERTIES = set(`
  fill fill-opacity fill-rule stroke stroke-linecap stroke-linejoin stroke-opacity stroke-width
`);
