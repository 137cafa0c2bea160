// Hand-written (not generated): the "being prepared" page of a PDF download. Loaded as a module by
// templates/macros/pdf.html on that page only.
// Asks the same address with ?check=1 whether the PDF is ready, at growing intervals (2 s up to 10 s).
// When it is: says so in the page's status message, with a link, and starts the download. When every attempt
// to make it failed: reloads, and the server shows why and offers to try again. Without JavaScript the page's
// own "check again" link does the same by hand.
const panel = document.querySelector('[data-module="fgc-pdf-status"]')

if (panel) {
  const url = panel.dataset.url
  const status = panel.querySelector('[data-fgc-status]')
  let wait = 2000

  const ready = () => {
    const link = document.createElement('a')
    link.className = 'govuk-link'
    link.href = url
    link.textContent = panel.dataset.linkText
    status.textContent = panel.dataset.readyText + ' '
    status.append(link)
    panel.querySelectorAll('[data-fgc-waiting]').forEach((element) => { element.hidden = true })
    window.location.assign(url)
  }

  const check = async () => {
    let state = 'unknown'
    try {
      const response = await fetch(url + '?check=1', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (response.ok) state = (await response.json()).state
    } catch (error) {
      state = 'unknown' // offline for a moment: keep asking
    }
    if (state === 'ready') {
      ready()
    } else if (state === 'failed') {
      window.location.reload()
    } else {
      wait = Math.min(wait * 1.5, 10000)
      window.setTimeout(check, wait)
    }
  }

  window.setTimeout(check, wait)
}
