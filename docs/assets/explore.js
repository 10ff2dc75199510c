/* The Explorer page (explore/): builds its form and results from data/explore-index.js. */
