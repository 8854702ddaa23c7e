/**
 * Dutch texts of the report appendix's technical column (the analysis method per step, built from
 * the settings the analysis returned; see technicalTexts.ts). ICU templates; numbers arrive
 * formatted by ReportFormat. English: technicalTexts.en.ts (same keys, type-checked).
 */
const table = {
  inputPpg: 'functie analyzePpg',
  inputIntervals: 'functies analyzeIntervals → analyzeBeats',
  beatsFromFile: 'geen: intervallen gelezen uit het bestand',
  beatsFromSensor: 'geen: slagen gemeld door de sensor',
  beatDetectionPpg:
    'lineaire-fase-banddoorlaatfilter, −3 dB bij {lo} en {hi} Hz (laagdoorlaat met 3 opeenvolgende boxcars, basislijncorrectie met 2 × {baseline} s boxcar) → kandidaat-systolische toppen (lokale maxima met stijgende flank) → keuze van de slagenreeks met dynamisch programmeren → toptijd tussen de samples door parabolische interpolatie',
  fiducialRule:
    'per slag, causaal: van de systolische top, de steilste stijgende flank en de uitlijning op het hele polssjabloon het punt met de kleinste mediaan |verschil van opeenvolgende intervallen| over de laatste {beats} slagen (wissel als die onder {ratio} × die van het huidige punt komt; de sjabloonuitlijning tot er {diffs} verschillen zijn om op te beoordelen), uitgedrukt op de systolische top (+ de lopende mediane vertraging daarvan)',
  artifacts:
    'Lipponen & Tarvainen 2019 (automatische Kubios-methode): ectopische, gemiste, extra en te lange/korte slagen; extra detecties verwijderd, gemiste slagen ingevoegd, te lange/korte slagen verplaatst; de intervallen bij ectopische slagen en bij slagen waarvan de meetpunten op de polsgolf het oneens zijn (> 15 ms) weggelaten',
  timeDomain: 'gemiddelde NN, gemiddelde hartslag (gemiddelde van 60000/NN), SDNN (n−1), RMSSD en pNN50 alleen over opeenvolgende NN',
  detrend:
    '{method, select, smoothnessPriors {trendcorrectie met smoothness priors (Tarvainen 2002, λ = {lambda})} linear {lineaire trendcorrectie} mean {gemiddelde afgetrokken} other {geen trendcorrectie}}',
  frequency:
    'Welch, kubische-splineherbemonstering op {fs} Hz, {detrend} per segment, Hann-venster, segmenten van {seg} s / {overlap} overlap (de hele opname als die korter is), FFT van {nfft} punten (gedeelde routine nnSpectrum); banden VLF {vlf} Hz, LF {lf} Hz, HF {hf} Hz; geen interpolatie over gaten > {maxGap} s, segmenten met < {coverage} dekking overgeslagen',
  spectrum:
    'kubische-splineherbemonstering op {fs} Hz, {detrend}{clip, select, none {} other {, afgekapt op {clip} robuuste SD}}, Hann-venster, FFT van {nfft} punten{welch, select, none {} other {, Welch-segmenten van {welch} s / ≥ {overlap} overlap}}',
  coherence:
    'coherentie volgens HeartMath (McCraty e.a. 2009): laatste {win} s NN, spectrum (nnSpectrum): {spectrum}; piek = hoogste in {search} Hz, piekvermogen over {width} Hz eromheen; totaal {total} Hz; ratio = piek/(totaal − piek); niveaus laag < {medium} ≤ middel < {high} ≤ hoog; geen waarde bij dekking < {coverage} of een gat > {maxGap} s',
  respiration:
    'ademfrequentie = hoogste piek van de samengevoegde, 1/f-gewitte spectra van hartslag (RSA), polsamplitude (RIAV) en polsbasislijn (RIIV) (gewichten {weights}) in {band} Hz (≤ {beatFraction} × de hartslag), venster van de laatste {win} s; spectrum (nnSpectrum): {spectrum}; niet getoond bij NN-dekking < {coverage} of een gat > {maxGap} s, of als minder dan {confidence} van het gewitte spectrum (1/2/3 modaliteiten) binnen ±{halfWidth} Hz van de piek ligt en de piek minder dan {prominence} ln-eenheden boven het 75e percentiel van de band uitsteekt',
  sources: 'bronnen: {list}',
  'source.hr': 'hartslag (RSA)',
  'source.amplitude': 'polsamplitude (RIAV)',
  'source.baseline': 'polsbasislijn (RIIV)',
};

export type TechnicalTextKey = keyof typeof table;
export const technicalTextsNl: Readonly<Record<TechnicalTextKey, string>> = table;
