/** The batch screen's short system-like beep for a key held back; the clerk can turn it off. */
const SOUND_KEY = 'vodokanal.batchSound'

export function refusalSoundOn(): boolean {
  return localStorage.getItem(SOUND_KEY) !== 'off'
}

export function setRefusalSound(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off')
}

let audio: AudioContext | null = null

export function playRefusalBeep(): void {
  if (!refusalSoundOn() || typeof AudioContext === 'undefined') return
  audio ??= new AudioContext()
  const tone = audio.createOscillator()
  const volume = audio.createGain()
  tone.frequency.value = 880
  volume.gain.value = 0.08
  tone.connect(volume).connect(audio.destination)
  tone.start()
  tone.stop(audio.currentTime + 0.08)
}
